package fr.portail.messages.security;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SecretTokens;
import fr.portail.messages.platform.TextRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal access tokens: created and revoked by their owner, shown once, stored hashed. */
@Service
public class AccessTokens {

    static final String PREFIX = "msg_";

    /** How precisely the last use of a token is recorded. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AccessTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a token; its value is returned once and never stored. */
    @Transactional
    public CreatedToken create(Viewer owner, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("name", "token.error.nameRequired");
        }
        TextRules.require("name", trimmed, TextRules.Kind.NAME);
        if (trimmed.length() > 100) {
            throw new InvalidInputException("name", "token.error.nameTooLong", 100);
        }
        String value = PREFIX + SecretTokens.newToken();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into access_token (id, person_id, name, token_hash, created_at) values (?, ?, ?, ?, ?)")
                .params(id, owner.id(), trimmed, SecretTokens.hash(value), now())
                .update();
        audit.record(owner.id(), "ACCESS_TOKEN_CREATED", trimmed, null);
        return new CreatedToken(id, trimmed, value);
    }

    @Transactional(readOnly = true)
    public List<TokenSummary> list(Viewer owner) {
        return jdbc.sql("""
                        select id, name, created_at, last_used_at from access_token
                        where person_id = ? and revoked_at is null order by created_at desc
                        """)
                .param(owner.id())
                .query((rs, row) -> new TokenSummary(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("last_used_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .list();
    }

    @Transactional
    public void revoke(Viewer owner, UUID tokenId) {
        int revoked = jdbc.sql(
                        "update access_token set revoked_at = ? where id = ? and person_id = ? and revoked_at is null")
                .params(now(), tokenId, owner.id())
                .update();
        if (revoked == 0) {
            throw new NotFoundException();
        }
        audit.record(owner.id(), "ACCESS_TOKEN_REVOKED", tokenId.toString(), null);
    }

    /**
     * The owner of a live token. Its last use is recorded to the minute: writing it on every call would make every
     * API request wait for the token's row when a script sends them in parallel.
     */
    @Transactional
    Optional<UUID> ownerOf(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        return jdbc.sql("""
                        with token as (
                          select id, person_id, last_used_at from access_token
                           where token_hash = :hash and revoked_at is null
                        ), used as (
                          update access_token t set last_used_at = :now from token
                           where t.id = token.id and (token.last_used_at is null or token.last_used_at <= :minuteAgo)
                        )
                        select person_id from token
                        """)
                .param("hash", SecretTokens.hash(value))
                .param("now", now)
                .param("minuteAgo", now.minus(LAST_USE_PRECISION))
                .query((rs, row) -> rs.getObject("person_id", UUID.class))
                .optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A token just created; {@code value} is shown once. */
    public record CreatedToken(UUID id, String name, String value) {}

    /** A live token as its owner sees it in their profile. */
    public record TokenSummary(UUID id, String name, Instant createdAt, Instant lastUsedAt) {}
}
