package fr.portail.messages.security;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.PersonDeactivated;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens: created and revoked by their owner, shown once, stored hashed. Each has an expiry (30, 90
 * or 365 days) and a scope: {@code read} (reading calls only), {@code write}, or {@code admin} (an administrator's
 * token that may also call the administration API). Deactivating a person revokes their tokens for good.
 */
@Service
public class AccessTokens {

    static final String PREFIX = "msg_";

    /** The validities a token may have, in days; the first is the default. */
    public static final List<Integer> VALIDITY_DAYS = List.of(90, 30, 365);

    /** How precisely the last use of a token is recorded. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    /** What a token lets its bearer do. */
    public enum Scope {
        READ,
        WRITE,
        ADMIN;

        /** The name shown and accepted in forms: {@code read}, {@code write}, {@code admin}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AccessTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a token of scope {@code write}, valid 90 days; its value is returned once and never stored. */
    @Transactional
    public CreatedToken create(Viewer owner, String name) {
        return create(owner, name, Scope.WRITE.label(), VALIDITY_DAYS.get(0));
    }

    /**
     * Creates a token; its value is returned once and never stored.
     *
     * @param scope {@code read}, {@code write} or {@code admin} (administrators only)
     * @param validityDays one of {@link #VALIDITY_DAYS}
     */
    @Transactional
    public CreatedToken create(Viewer owner, String name, String scope, int validityDays) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("name", "token.error.nameRequired");
        }
        TextRules.require("name", trimmed, TextRules.Kind.NAME);
        if (trimmed.length() > 100) {
            throw new InvalidInputException("name", "token.error.nameTooLong", 100);
        }
        Scope chosen = Arrays.stream(Scope.values())
                .filter(candidate -> candidate.label().equals(scope))
                .filter(candidate -> candidate != Scope.ADMIN || owner.admin())
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("scope", "token.error.scope"));
        if (!VALIDITY_DAYS.contains(validityDays)) {
            throw new InvalidInputException("validityDays", "token.error.validity");
        }
        String value = PREFIX + SecretTokens.newToken();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into access_token (id, person_id, name, token_hash, created_at, expires_at, scope)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        id,
                        owner.id(),
                        trimmed,
                        SecretTokens.hash(value),
                        now,
                        now.plusDays(validityDays),
                        chosen.label())
                .update();
        audit.record(
                owner.id(), "ACCESS_TOKEN_CREATED", trimmed, "scope " + chosen.label() + ", " + validityDays + " d");
        return new CreatedToken(id, trimmed, value);
    }

    /** The owner's tokens that still work, newest first. */
    @Transactional(readOnly = true)
    public List<TokenSummary> list(Viewer owner) {
        return jdbc.sql("""
                        select id, name, created_at, last_used_at, expires_at, scope from access_token
                        where person_id = ? and revoked_at is null and expires_at > ? order by created_at desc
                        """)
                .params(owner.id(), now())
                .query((rs, row) -> new TokenSummary(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("last_used_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getString("scope")))
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
     * The owner and scope of a live token (not revoked, not expired). Its last use is recorded to the minute: writing
     * it on every call would make every API request wait for the token's row when a script sends them in parallel.
     */
    @Transactional
    Optional<Bearer> ownerOf(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        return jdbc.sql("""
                        with token as (
                          select id, person_id, last_used_at, scope from access_token
                           where token_hash = :hash and revoked_at is null and expires_at > :now
                        ), used as (
                          update access_token t set last_used_at = :now from token
                           where t.id = token.id and (token.last_used_at is null or token.last_used_at <= :minuteAgo)
                        )
                        select person_id, scope from token
                        """)
                .param("hash", SecretTokens.hash(value))
                .param("now", now)
                .param("minuteAgo", now.minus(LAST_USE_PRECISION))
                .query((rs, row) -> new Bearer(
                        rs.getObject("person_id", UUID.class),
                        Scope.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT))))
                .optional();
    }

    /** Deactivation revokes every token of the person, in its transaction: reactivating brings none back. */
    @EventListener
    void on(PersonDeactivated event) {
        int revoked = jdbc.sql("update access_token set revoked_at = ? where person_id = ? and revoked_at is null")
                .params(now(), event.personId())
                .update();
        if (revoked > 0) {
            audit.record(null, "ACCESS_TOKENS_REVOKED", event.email(), revoked + " revoked at deactivation");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Who a live token acts for, and what it may do. */
    record Bearer(UUID personId, Scope scope) {}

    /** A token just created; {@code value} is shown once. */
    public record CreatedToken(UUID id, String name, String value) {}

    /** A live token as its owner sees it in their profile. */
    public record TokenSummary(
            UUID id, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String scope) {}
}
