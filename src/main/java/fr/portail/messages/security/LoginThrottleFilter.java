package fr.portail.messages.security;

import fr.portail.messages.platform.TextRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts a sign-in attempt before the password is checked, and refuses it without hashing while the account or the
 * address must wait, or while every password-hashing permit is busy. The address is the client's as resolved through
 * the trusted proxies only ({@link TrustedProxies}): a forwarded header from anyone else is ignored.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    /** How long a sign-in waits for a hashing permit before it is told to try again. */
    static final long MAX_WAIT_MILLIS = 2_000;

    private final LoginThrottle throttle;
    private final PasswordHashing hashing;

    LoginThrottleFilter(LoginThrottle throttle, PasswordHashing hashing) {
        this.throttle = throttle;
        this.hashing = hashing;
    }

    private static boolean acceptable(String text) {
        return TextRules.problem(text, TextRules.Kind.TEXT).isEmpty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!acceptable(request.getParameter("username")) || !acceptable(request.getParameter("password"))) {
            // The same answer as wrong credentials: nobody can be signed in with such text, and nothing is looked up.
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        if (!throttle.reserveSignIn(request.getParameter("username"), request.getRemoteAddr())
                || !hashing.tryEnter(MAX_WAIT_MILLIS)) {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            hashing.exit();
        }
    }
}
