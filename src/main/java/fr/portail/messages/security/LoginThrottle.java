package fr.portail.messages.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down repeated failed sign-ins, per account and per address, with a delay that doubles with each failure past
 * a threshold. Kept in PostgreSQL so that every instance sees the same counts.
 */
@Component
class LoginThrottle {

    static final int ACCOUNT_THRESHOLD = 5;
    static final int ADDRESS_THRESHOLD = 20;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether a sign-in attempt for this account from this address must wait. */
    @Transactional(readOnly = true)
    boolean mustWait(String email, String address) {
        return mustWait(accountKey(email), ACCOUNT_THRESHOLD) || mustWait(addressKey(address), ADDRESS_THRESHOLD);
    }

    private boolean mustWait(String key, int threshold) {
        Instant now = clock.instant();
        return jdbc.sql("select failures, last_failure from login_failure where throttle_key = ?")
                .param(key)
                .query((rs, row) -> {
                    int failures = rs.getInt("failures");
                    Instant last =
                            rs.getObject("last_failure", OffsetDateTime.class).toInstant();
                    if (failures < threshold || now.isAfter(last.plus(FORGET_AFTER))) {
                        return false;
                    }
                    return now.isBefore(last.plus(delay(failures - threshold)));
                })
                .optional()
                .orElse(false);
    }

    static Duration delay(int failuresPastThreshold) {
        int exponent = Math.min(failuresPastThreshold, 6);
        Duration delay = Duration.ofSeconds(1L << exponent);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    @Transactional
    void recordFailure(String email, String address) {
        increment(accountKey(email));
        increment(addressKey(address));
    }

    private void increment(String key) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                        insert into login_failure (throttle_key, failures, last_failure) values (:key, 1, :now)
                        on conflict (throttle_key) do update set
                          failures = case when login_failure.last_failure < :forgotten then 1
                                          else login_failure.failures + 1 end,
                          last_failure = :now
                        """)
                .param("key", key)
                .param("now", now)
                .param("forgotten", now.minus(FORGET_AFTER))
                .update();
    }

    @Transactional
    void recordSuccess(String email) {
        jdbc.sql("delete from login_failure where throttle_key = ?")
                .param(accountKey(email))
                .update();
    }

    private static String accountKey(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return "account:" + (normalized.length() > 320 ? normalized.substring(0, 320) : normalized);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
