package fr.portail.messages.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The JDBC session repository, minus one write per request: Spring Session records the last access of a session on
 * every request, which is an UPDATE of the session row each time (and, when a person's pages load in parallel, a wait
 * on that row's lock). Here the last access moves only once it is {@link #LAST_ACCESS_PRECISION} old; the idle timeout
 * (30 minutes) is then exact to within that precision. Every other change (attributes, a new session id at sign-in,
 * the timeout) is written as before. The session is read together with its person ({@link SessionPerson}), and once
 * per request: Spring Session reads it again when it commits it a second time (once when the response is committed,
 * once at the end of the request), which {@link SessionReadOncePerRequest} spares.
 */
final class QuietSessionRepository
        implements FindByIndexNameSessionRepository<QuietSessionRepository.QuietSession>, DisposableBean {

    static final Duration LAST_ACCESS_PRECISION = Duration.ofMinutes(1);

    private final FindByIndexNameSessionRepository<Session> delegate;

    @SuppressWarnings("unchecked")
    QuietSessionRepository(FindByIndexNameSessionRepository<? extends Session> delegate) {
        this.delegate = (FindByIndexNameSessionRepository<Session>) delegate;
    }

    /** The JDBC repository, reading each session with its person, minus the writes of last access. */
    static QuietSessionRepository over(JdbcIndexedSessionRepository sessions) {
        sessions.setGetSessionQuery(SessionPerson.QUERY);
        // Parallel first pages of one session each add the CSRF token: the last one wins instead of a 500.
        sessions.setCreateSessionAttributeQuery("""
                INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
                VALUES (?, ?, ?)
                ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
                """);
        sessions.setConversionService(SessionPerson.conversions());
        return new QuietSessionRepository(sessions);
    }

    @Override
    public QuietSession createSession() {
        return new QuietSession(delegate.createSession());
    }

    @Override
    public void save(QuietSession session) {
        delegate.save(session.stored);
        SessionReadOncePerRequest.remember(session.getId(), session);
    }

    @Override
    public QuietSession findById(String id) {
        QuietSession known = SessionReadOncePerRequest.known(id);
        if (known != null) {
            return known;
        }
        Session stored = delegate.findById(id);
        QuietSession session = stored == null ? null : new QuietSession(stored);
        if (session != null) {
            SessionReadOncePerRequest.remember(id, session);
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        SessionReadOncePerRequest.forget(id);
        delegate.deleteById(id);
    }

    @Override
    public Map<String, QuietSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, QuietSession> sessions = new LinkedHashMap<>();
        delegate.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, session) -> sessions.put(id, new QuietSession(session)));
        return sessions;
    }

    @Override
    public void destroy() throws Exception {
        if (delegate instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    /** A stored session whose last access is only moved forward once it is old enough to matter. */
    static final class QuietSession implements Session {

        private final Session stored;

        private QuietSession(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (!lastAccessedTime.isBefore(stored.getLastAccessedTime().plus(LAST_ACCESS_PRECISION))) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        /** Without the person read with the session, so that nothing copies it into a session and stores it. */
        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames().stream()
                    .filter(name -> !name.equals(SessionPerson.ATTRIBUTE))
                    .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            if (attributeName.equals(SessionPerson.ATTRIBUTE)) {
                throw new IllegalArgumentException("the session's person is read from the database, never stored");
            }
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
