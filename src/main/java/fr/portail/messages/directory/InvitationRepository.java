package fr.portail.messages.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@link Invitation} rows. Nothing is written until {@link #save} is called. */
@Repository
class InvitationRepository {

    private static final String SELECT =
            "select id, token_hash, person_id, created_at, expires_at, used_at, purpose from invitation";

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The invitation with this token hash, its row locked until the transaction ends: two requests redeeming the same
     * link run one after the other, and the second finds it used.
     */
    Optional<Invitation> findByTokenHashForUpdate(String tokenHash) {
        return jdbc.sql(SELECT + " where token_hash = ? for update")
                .param(tokenHash)
                .query((rs, row) -> map(rs))
                .optional();
    }

    Optional<Invitation> findByTokenHash(String tokenHash) {
        return jdbc.sql(SELECT + " where token_hash = ?")
                .param(tokenHash)
                .query((rs, row) -> map(rs))
                .optional();
    }

    /** The person's invitations and reset links not used nor revoked, expired or not. */
    List<Invitation> findOpenByPersonId(UUID personId) {
        return jdbc.sql(SELECT + " where person_id = ? and used_at is null")
                .param(personId)
                .query((rs, row) -> map(rs))
                .list();
    }

    /** Inserts a new invitation or writes when it was used or revoked; returns it. */
    Invitation save(Invitation invitation) {
        if (invitation.isNew()) {
            jdbc.sql("""
                            insert into invitation (id, token_hash, person_id, created_at, expires_at, used_at, purpose)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            invitation.id(),
                            invitation.tokenHash(),
                            invitation.personId(),
                            utc(invitation.createdAt()),
                            utc(invitation.expiresAt()),
                            utc(invitation.usedAt()),
                            invitation.purpose())
                    .update();
            invitation.markStored();
        } else {
            int updated = jdbc.sql("update invitation set used_at = ? where id = ?")
                    .params(utc(invitation.usedAt()), invitation.id())
                    .update();
            if (updated != 1) {
                throw new IncorrectUpdateSemanticsDataAccessException("no invitation " + invitation.id());
            }
        }
        return invitation;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Invitation map(ResultSet rs) throws SQLException {
        OffsetDateTime usedAt = rs.getObject("used_at", OffsetDateTime.class);
        return Invitation.stored(
                rs.getObject("id", UUID.class),
                rs.getString("token_hash"),
                rs.getObject("person_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                usedAt == null ? null : usedAt.toInstant(),
                rs.getString("purpose"));
    }
}
