package fr.portail.messages.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;

/**
 * The idle timeout counted from the person's own actions only. Spring Session moves a session's last access on every
 * request, including those the page sends by itself (the bell, the event stream), which would keep an unattended tab
 * signed in forever. So the last <em>action</em> is kept in the session apart: every handler but a background one
 * (the web layer tells, see {@code web.BackgroundRequest}) moves it, at most once a minute to spare a session write
 * per request, and {@link CurrentViewerFilter} ends a session whose last action is older than the idle timeout.
 */
public class ActivityTracker {

    static final String LAST_ACTION = ActivityTracker.class.getName() + ".lastAction";
    static final Duration PRECISION = Duration.ofMinutes(1);

    private final Duration idleTimeout;
    private final Clock clock;

    ActivityTracker(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** This request is an action of the signed-in person: it moves the start of the idle time. */
    public void recordAction(HttpServletRequest request) {
        HttpSession session = CurrentViewer.of(request).isPresent() ? request.getSession(false) : null;
        if (session != null) {
            long now = clock.millis();
            Long last = (Long) session.getAttribute(LAST_ACTION);
            if (last == null || now - last >= PRECISION.toMillis()) {
                session.setAttribute(LAST_ACTION, now);
            }
        }
    }

    /** Whether the session has seen no action of its person for longer than the idle timeout. */
    boolean idle(HttpSession session) {
        long now = clock.millis();
        Long last = (Long) session.getAttribute(LAST_ACTION);
        if (last == null) {
            // Signed in, no page opened yet: the clock starts now.
            session.setAttribute(LAST_ACTION, now);
            return false;
        }
        return now - last > idleTimeout.toMillis();
    }
}
