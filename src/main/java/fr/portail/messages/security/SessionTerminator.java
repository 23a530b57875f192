package fr.portail.messages.security;

import fr.portail.messages.directory.PersonDeactivated;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Ends every session of a deactivated person, on every instance (sessions live in PostgreSQL). */
@Component
class SessionTerminator {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionTerminator(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    @TransactionalEventListener
    void on(PersonDeactivated event) {
        sessions.findByPrincipalName(event.email()).keySet().forEach(sessions::deleteById);
    }
}
