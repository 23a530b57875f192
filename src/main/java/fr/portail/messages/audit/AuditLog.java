package fr.portail.messages.audit;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends entries to the audit log, inside the caller's transaction when there is one. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records one action.
     *
     * @param actorId who acted, or {@code null} for the system or an anonymous visitor
     * @param action what happened, for example {@code USER_DEACTIVATED}
     * @param target what it happened to (an e-mail, a company's external id, an id)
     * @param details anything else worth keeping, never message text
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(UUID actorId, String action, String target, String details) {
        jdbc.sql("insert into audit_entry (actor_id, action, target, details) values (?, ?, ?, ?)")
                .params(actorId, action, truncate(target, 400), truncate(details, 2000))
                .update();
    }

    /**
     * Records one action in a transaction of its own, kept even when the caller's transaction rolls back (a refused
     * access attempt ends the request with an exception).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(UUID actorId, String action, String target, String details) {
        record(actorId, action, target, details);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
