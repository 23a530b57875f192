package fr.portail.messages.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system clock, unless a test moves it forward ({@link #advance}) or stops it
 * ({@link #freeze}). Every test that moves it puts it back with {@link #reset} (in a {@code finally} or
 * {@code @AfterEach}): the context and its clock are shared by the whole suite.
 */
@Primary
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    /** Moves the clock forward (or back) by this much from where it is now. */
    public void advance(Duration by) {
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    /** Stops the clock at its current instant until {@link #reset}. */
    public void freeze() {
        frozenAt = instant();
    }

    /** Back to the system clock. */
    public void reset() {
        frozenAt = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
