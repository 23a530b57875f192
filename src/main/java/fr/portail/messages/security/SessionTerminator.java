package fr.portail.messages.security;

import fr.portail.messages.directory.PersonDeactivated;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends sessions of a person on every instance (sessions live in PostgreSQL): all of them when the person is
 * deactivated or resets a forgotten password, all but the current one when they change their password.
 */
@Component
class SessionTerminator {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionTerminator(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    @TransactionalEventListener
    void on(PersonDeactivated event) {
        endSessionsOf(event.email(), null);
    }

    /** Ends every session of the person except {@code keptSessionId} (null: none kept). */
    void endSessionsOf(String email, String keptSessionId) {
        sessions.findByPrincipalName(email).keySet().stream()
                .filter(id -> !id.equals(keptSessionId))
                .forEach(sessions::deleteById);
    }
}
