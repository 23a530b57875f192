package fr.portail.messages.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a multipart request without a signed-in person before anything reads its body (SPEC §9). Without it the
 * CSRF filter, looking for a {@code _csrf} field in a request that has no CSRF header, makes the container parse the
 * whole multipart body (up to the upload limits, on disk) for a request that is refused anyway. A request with a
 * bearer token is left to the token filter: CSRF is not checked for it, so nothing reads its body before it is
 * authenticated.
 */
class AnonymousMultipartFilter extends OncePerRequestFilter {

    private final AuthenticationEntryPoint entryPoint;
    private final RequestMatcher exempt;

    /**
     * @param entryPoint what the chain answers an anonymous request (a 401 problem, or the login page)
     * @param exempt public requests that may be multipart
     */
    AnonymousMultipartFilter(AuthenticationEntryPoint entryPoint, RequestMatcher exempt) {
        this.entryPoint = entryPoint;
        this.exempt = exempt;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)
                && !AccessTokenFilter.hasBearerToken(request)
                && !signedIn()
                && !exempt.matches(request)) {
            entryPoint.commence(
                    request, response, new InsufficientAuthenticationException("anonymous multipart request"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
