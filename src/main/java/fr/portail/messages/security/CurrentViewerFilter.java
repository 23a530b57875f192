package fr.portail.messages.security;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the signed-in person from the database on every request, so that a deactivation takes effect at once:
 * a deactivated person's session is ended and the request goes on as anonymous. The person comes with the session's
 * own statement ({@link SessionPerson}); only a session without it (its person deactivated, or not read that way)
 * costs a look-up of its own. Also enforces the absolute session
 * lifetime and the idle timeout counted from the person's own actions ({@link ActivityTracker}).
 */
class CurrentViewerFilter extends OncePerRequestFilter {

    private final DirectoryService directory;
    private final Duration absoluteSessionTimeout;
    private final Clock clock;
    private final ActivityTracker activity;

    CurrentViewerFilter(
            DirectoryService directory, Duration absoluteSessionTimeout, Clock clock, ActivityTracker activity) {
        this.directory = directory;
        this.absoluteSessionTimeout = absoluteSessionTimeout;
        this.clock = clock;
        this.activity = activity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInPerson person) {
            Optional<Viewer> viewer = sessionExpired(request) ? Optional.empty() : activeViewer(request, person);
            if (viewer.isPresent()) {
                CurrentViewer.set(request, viewer.get());
            } else {
                endSession(request);
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<Viewer> activeViewer(HttpServletRequest request, SignedInPerson person) {
        Optional<Viewer> withSession = SessionPerson.of(request.getSession(false))
                .filter(viewer -> viewer.id().equals(person.personId()));
        return withSession.isPresent() ? withSession : directory.activeViewer(person.personId());
    }

    private boolean sessionExpired(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null
                && (clock.millis() - session.getCreationTime() > absoluteSessionTimeout.toMillis()
                        || activity.idle(session));
    }

    /**
     * Ends the session and lets the request go on as an anonymous one, so that it is sent to the login page (or gets
     * a 401) like any anonymous request; an empty context would make Spring Security answer 403 instead.
     */
    private static void endSession(HttpServletRequest request) {
        var anonymous = SecurityContextHolder.createEmptyContext();
        anonymous.setAuthentication(new AnonymousAuthenticationToken(
                "ended-session", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        SecurityContextHolder.setContext(anonymous);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
