package fr.portail.messages.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around Spring Session's filter: within one request, a session read or saved is not read again. Spring Session
 * commits the session when the response is committed and once more at the end of the request, and forgets in between
 * which session the request named, so it read the session row a second time on every page. Outside a request (event
 * streams completing on another thread, scheduled work) nothing is remembered.
 */
@Component
@Order(SessionRepositoryFilter.DEFAULT_ORDER - 1)
class SessionReadOncePerRequest extends OncePerRequestFilter {

    private static final ThreadLocal<Map<String, QuietSessionRepository.QuietSession>> SESSIONS = new ThreadLocal<>();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SESSIONS.set(new HashMap<>());
        try {
            chain.doFilter(request, response);
        } finally {
            SESSIONS.remove();
        }
    }

    static QuietSessionRepository.QuietSession known(String id) {
        Map<String, QuietSessionRepository.QuietSession> sessions = SESSIONS.get();
        return sessions == null ? null : sessions.get(id);
    }

    static void remember(String id, QuietSessionRepository.QuietSession session) {
        Map<String, QuietSessionRepository.QuietSession> sessions = SESSIONS.get();
        if (sessions != null) {
            sessions.put(id, session);
        }
    }

    static void forget(String id) {
        Map<String, QuietSessionRepository.QuietSession> sessions = SESSIONS.get();
        if (sessions != null) {
            sessions.remove(id);
        }
    }
}
