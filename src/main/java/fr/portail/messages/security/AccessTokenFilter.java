package fr.portail.messages.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <personal access token>}, for this request only
 * (nothing goes into a session). An unknown or revoked token leaves the request anonymous, hence a 401.
 */
@Component
class AccessTokenFilter extends OncePerRequestFilter {

    private final AccessTokens tokens;
    private final JdbcClient jdbc;

    AccessTokenFilter(AccessTokens tokens, JdbcClient jdbc) {
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    /** The request attribute holding the {@link AccessTokens.Scope} of the token that authenticated the request. */
    static final String SCOPE = AccessTokenFilter.class.getName() + ".scope";

    /** The scope of the token of this request; empty for a browser session. */
    static java.util.Optional<AccessTokens.Scope> scope(HttpServletRequest request) {
        return java.util.Optional.ofNullable((AccessTokens.Scope) request.getAttribute(SCOPE));
    }

    static boolean hasBearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasBearerToken(request)) {
            SecurityContextHolder.clearContext();
            tokens.ownerOf(request.getHeader("Authorization").substring(7).strip())
                    .flatMap(bearer -> {
                        request.setAttribute(SCOPE, bearer.scope());
                        return jdbc.sql("select email, admin from person where id = ?")
                                .param(bearer.personId())
                                .query((rs, row) -> new SignedInPerson(
                                        bearer.personId(), rs.getString("email"), null, rs.getBoolean("admin")))
                                .optional();
                    })
                    .ifPresent(person -> {
                        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                                person, null, person.getAuthorities());
                        var context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(authentication);
                        SecurityContextHolder.setContext(context);
                    });
        }
        chain.doFilter(request, response);
    }
}
