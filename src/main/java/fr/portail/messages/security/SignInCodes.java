package fr.portail.messages.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The e-mail codes of two-step sign-in, in PostgreSQL so that any instance can check a code another one sent: 6
 * digits, valid {@link #VALIDITY}, at most {@link #MAX_TRIES} tries.
 *
 * <p>A code alone names nobody (a million values for every person), so the value that Spring Security's one-time-token
 * login hands to {@link #consume} is {@code <person id>:<code>}: {@link SignInCodeRequests} takes the person from the
 * session that has already given the right password, never from the form.
 */
@Component
class SignInCodes implements OneTimeTokenService {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    static final int MAX_TRIES = 5;

    /** The least time between two codes: asking again at once would only fill the person's mailbox. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);

    private static final Pattern CODE = Pattern.compile("\\d{6}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignInCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Where a person's code stands, to tell them on the page. */
    enum State {
        NONE,
        PENDING,
        EXPIRED,
        NO_TRIES_LEFT
    }

    /**
     * A new code for the person whose e-mail is {@code request.getUsername()}, replacing the previous one. A request
     * while the previous code is still valid keeps its count of wrong tries: asking again gives no more guesses.
     */
    @Override
    @Transactional
    public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
        UUID personId = personId(request.getUsername()).orElseThrow();
        String code = "%06d".formatted(random.nextInt(1_000_000));
        Instant expiresAt = clock.instant().plus(VALIDITY);
        jdbc.sql("""
                        insert into sign_in_code (person_id, code_hash, expires_at, failed_tries)
                        values (:person, :hash, :expires, 0)
                        on conflict (person_id) do update
                           set code_hash = excluded.code_hash,
                               expires_at = excluded.expires_at,
                               failed_tries = case when sign_in_code.expires_at > :now
                                                   then sign_in_code.failed_tries else 0 end
                        """)
                .param("person", personId)
                .param("hash", hash(personId, code))
                .param("expires", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .param("now", OffsetDateTime.now(clock))
                .update();
        return new DefaultOneTimeToken(code, request.getUsername(), expiresAt);
    }

    /**
     * Checks {@code <person id>:<code>}. The right code, in time and within the tries, is used up and answers the
     * person; anything else answers null, and a wrong 6-digit code counts as a try. Input that is not 6 digits (a typo
     * with a letter) costs no try.
     */
    @Override
    @Transactional
    public OneTimeToken consume(OneTimeTokenAuthenticationToken authenticationToken) {
        String value = authenticationToken.getTokenValue();
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon < 0) {
            return null;
        }
        UUID personId;
        try {
            personId = UUID.fromString(value.substring(0, colon));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
        String code = value.substring(colon + 1).replace(" ", "");
        if (!CODE.matcher(code).matches()) {
            return null;
        }
        var row = jdbc.sql("""
                        select c.code_hash, c.expires_at, c.failed_tries, p.email
                          from sign_in_code c join person p on p.id = c.person_id
                         where c.person_id = ? for update of c
                        """)
                .param(personId)
                .query((rs, n) -> new Row(
                        rs.getString("code_hash"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("failed_tries"),
                        rs.getString("email")))
                .optional();
        if (row.isEmpty()
                || !clock.instant().isBefore(row.get().expiresAt())
                || row.get().failedTries() >= MAX_TRIES) {
            return null;
        }
        if (!MessageDigest.isEqual(
                row.get().hash().getBytes(StandardCharsets.US_ASCII),
                hash(personId, code).getBytes(StandardCharsets.US_ASCII))) {
            jdbc.sql("update sign_in_code set failed_tries = failed_tries + 1 where person_id = ?")
                    .param(personId)
                    .update();
            return null;
        }
        jdbc.sql("delete from sign_in_code where person_id = ?").param(personId).update();
        return new DefaultOneTimeToken(value, row.get().email(), row.get().expiresAt());
    }

    private record Row(String hash, Instant expiresAt, int failedTries, String email) {}

    /** Where the person's code stands now, and how many tries it has left. */
    @Transactional(readOnly = true)
    Status status(UUID personId) {
        return jdbc.sql("select expires_at, failed_tries from sign_in_code where person_id = ?")
                .param(personId)
                .query((rs, n) -> {
                    int left = Math.max(0, MAX_TRIES - rs.getInt("failed_tries"));
                    Instant now = clock.instant();
                    Instant expiresAt =
                            rs.getObject("expires_at", OffsetDateTime.class).toInstant();
                    boolean justSent = now.isBefore(expiresAt.minus(VALIDITY).plus(RESEND_AFTER));
                    if (!now.isBefore(expiresAt)) {
                        return new Status(State.EXPIRED, 0, false);
                    }
                    return left == 0
                            ? new Status(State.NO_TRIES_LEFT, 0, justSent)
                            : new Status(State.PENDING, left, justSent);
                })
                .optional()
                .orElse(new Status(State.NONE, 0, false));
    }

    /**
     * A code's state and its tries left.
     *
     * @param justSent whether it was sent less than {@link #RESEND_AFTER} ago
     */
    record Status(State state, int triesLeft, boolean justSent) {

        /** Whether a new code may be sent now. */
        boolean newCodeAllowed() {
            return state != State.NO_TRIES_LEFT && !justSent;
        }
    }

    private Optional<UUID> personId(String email) {
        return jdbc.sql("select id from person where lower(email) = ?")
                .param(email.strip().toLowerCase(Locale.ROOT))
                .query(UUID.class)
                .optional();
    }

    /** Bound to the person, so that a copied row is worthless for anybody else. */
    private static String hash(UUID personId, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((personId + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
