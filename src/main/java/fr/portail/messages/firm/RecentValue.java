package fr.portail.messages.firm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A setting of the firm read from the database and kept in memory for a few seconds, because every request asks for
 * it: the instance where it changed forgets it once the change is committed, the others within the lifetime.
 */
final class RecentValue<T> {

    private record Held<T>(T value, Instant until) {}

    private final Clock clock;
    private final Duration lifetime;
    private volatile Held<T> held;

    RecentValue(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The value kept, or a fresh one from {@code read} once it is older than the lifetime. */
    T get(Supplier<T> read) {
        Held<T> current = held;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.until())) {
            return current.value();
        }
        T value = read.get();
        held = new Held<>(value, now.plus(lifetime));
        return value;
    }

    /** Forgets the value now and again when the current transaction ends: a read in between would keep the old one. */
    void forgetAfterCommit() {
        held = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    held = null;
                }
            });
        }
    }
}
