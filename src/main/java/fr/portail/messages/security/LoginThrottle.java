package fr.portail.messages.security;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down repeated attempts (sign-ins, password-reset requests), per account and per address, with a delay that
 * doubles with each attempt past a threshold. Kept in PostgreSQL so that every instance sees the same counts.
 *
 * <p>An attempt is counted <em>before</em> the password is checked, by one statement that either reserves it (and
 * says so by returning the key's row) or leaves the count alone when the key must wait. The row lock of the upsert
 * orders parallel attempts on one key, so 60 parallel guesses get exactly the allowance and no more. A successful
 * sign-in gives its reservation back.
 */
@Component
class LoginThrottle {

    static final int ACCOUNT_THRESHOLD = 5;
    static final int ADDRESS_THRESHOLD = 20;
    /** Password-reset e-mails: a few per account, more per address (a firm's office shares one). */
    static final int RESET_ACCOUNT_THRESHOLD = 3;

    static final int RESET_ADDRESS_THRESHOLD = 10;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_EXPONENT = 6;
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts a sign-in attempt for this account from this address, unless one of them must wait.
     *
     * @return whether the attempt may go on to the password check
     */
    @Transactional
    boolean reserveSignIn(String email, String address) {
        return reserve(accountKey("account:", email), ACCOUNT_THRESHOLD, "address:" + address, ADDRESS_THRESHOLD);
    }

    /** Counts a password-reset request, unless the account or the address must wait. */
    @Transactional
    boolean reserveReset(String email, String address) {
        return reserve(
                accountKey("reset-account:", email),
                RESET_ACCOUNT_THRESHOLD,
                "reset-address:" + address,
                RESET_ADDRESS_THRESHOLD);
    }

    /**
     * One statement for both keys: a key whose count is under its threshold, or whose delay has passed, or whose
     * failures are forgotten, is incremented and returned; a key that must wait is neither.
     */
    private boolean reserve(String firstKey, int firstThreshold, String secondKey, int secondThreshold) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int reserved = jdbc.sql("""
                        insert into login_failure (throttle_key, failures, last_failure)
                        values (:first, 1, :now), (:second, 1, :now)
                        on conflict (throttle_key) do update set
                          failures = case when login_failure.last_failure < :forgotten then 1
                                          else login_failure.failures + 1 end,
                          last_failure = :now
                        where login_failure.last_failure < :forgotten
                           or login_failure.failures < (case when login_failure.throttle_key = :first
                                                             then :firstThreshold else :secondThreshold end)
                           or login_failure.last_failure + make_interval(secs => least(:maxDelay, power(2, least(:maxExponent,
                                login_failure.failures - (case when login_failure.throttle_key = :first
                                                               then :firstThreshold else :secondThreshold end)))))
                              <= :now
                        returning throttle_key
                        """)
                .param("first", firstKey)
                .param("second", secondKey)
                .param("firstThreshold", firstThreshold)
                .param("secondThreshold", secondThreshold)
                .param("now", now)
                .param("forgotten", now.minus(FORGET_AFTER))
                .param("maxDelay", (double) MAX_DELAY.toSeconds())
                .param("maxExponent", MAX_EXPONENT)
                .query(String.class)
                .list()
                .size();
        return reserved == 2;
    }

    static Duration delay(int failuresPastThreshold) {
        int exponent = Math.min(failuresPastThreshold, MAX_EXPONENT);
        Duration delay = Duration.ofSeconds(1L << exponent);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** A successful sign-in: the account's failures are forgotten and the address gets its reservation back. */
    @Transactional
    void recordSuccess(String email, String address) {
        jdbc.sql("delete from login_failure where throttle_key = ?")
                .param(accountKey("account:", email))
                .update();
        jdbc.sql("update login_failure set failures = greatest(failures - 1, 0) where throttle_key = ?")
                .param("address:" + address)
                .update();
    }

    private static String accountKey(String prefix, String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return prefix + (normalized.length() > 320 ? normalized.substring(0, 320) : normalized);
    }
}
