package fr.portail.messages.security;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's passkeys, as Spring Security's WebAuthn registration stored them ({@code user_entities} names the
 * person by sign-in e-mail, {@code user_credentials} holds the keys): listed and removed by their owner on the
 * profile page, removed all at once by an administrator (audited).
 */
@Service
public class Passkeys {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Passkeys(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** One registered passkey: its id (base64url), the name its owner gave it, when it was added and last used. */
    public record Passkey(String id, String label, Instant created, Instant lastUsed) {}

    /** The passkeys of {@code owner}, oldest first. */
    @Transactional(readOnly = true)
    public List<Passkey> list(Viewer owner) {
        return ofEmail(owner.email());
    }

    /** The passkeys of the person whose sign-in e-mail is {@code email}. */
    @Transactional(readOnly = true)
    public List<Passkey> ofEmail(String email) {
        return jdbc.sql("""
                        select c.credential_id, c.label, c.created, c.last_used
                          from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                         where u.name = ?
                         order by c.created, c.credential_id
                        """)
                .param(email.toLowerCase(Locale.ROOT))
                .query((rs, n) -> new Passkey(
                        rs.getString("credential_id"),
                        rs.getString("label"),
                        instant(rs.getTimestamp("created")),
                        instant(rs.getTimestamp("last_used"))))
                .list();
    }

    /** Removes one of {@code owner}'s passkeys; someone else's, or an unknown one, is left alone. */
    @Transactional
    public boolean remove(Viewer owner, String credentialId) {
        return jdbc.sql("""
                                delete from user_credentials c using user_entities u
                                 where u.id = c.user_entity_user_id and u.name = ? and c.credential_id = ?
                                """)
                        .param(owner.email().toLowerCase(Locale.ROOT))
                        .param(credentialId)
                        .update()
                > 0;
    }

    /**
     * Removes every passkey of the person, for an administrator (the caller checks that {@code actorId} is one): a lost
     * or stolen device. The person signs in with an e-mail code meanwhile.
     *
     * @return how many were removed
     */
    @Transactional
    public int removeAll(UUID actorId, UUID personId) {
        String email = jdbc.sql("select lower(email) from person where id = ?")
                .param(personId)
                .query(String.class)
                .optional()
                .orElse(null);
        if (email == null) {
            return 0;
        }
        int removed = jdbc.sql("""
                        delete from user_credentials c using user_entities u
                         where u.id = c.user_entity_user_id and u.name = ?
                        """).param(email).update();
        if (removed > 0) {
            audit.record(actorId, "PASSKEYS_REMOVED", "person:" + personId, removed + " passkey(s) of " + email);
        }
        return removed;
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
