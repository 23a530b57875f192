package fr.portail.messages.security;

import fr.portail.messages.platform.TextRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses a sign-in attempt without checking the password while the account or the address must wait. */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
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
        if (throttle.mustWait(request.getParameter("username"), request.getRemoteAddr())) {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
            return;
        }
        chain.doFilter(request, response);
    }
}
