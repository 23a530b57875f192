package fr.portail.messages.security;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder with a bound on how many hashes run at once. Each Argon2 hash takes 16 MB of heap and a core
 * for a tenth of a second: without a bound, a burst of sign-ins would exhaust the heap. The sign-in filter asks for a
 * permit without waiting long and answers "try again later" when there is none; other callers (setting a password)
 * wait their turn.
 */
final class PasswordHashing implements PasswordEncoder {

    private static final ThreadLocal<Boolean> HOLDS_PERMIT = ThreadLocal.withInitial(() -> false);

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final AtomicLong checks = new AtomicLong();

    PasswordHashing(PasswordEncoder delegate, int concurrentHashes) {
        this.delegate = delegate;
        this.permits = new Semaphore(concurrentHashes, true);
    }

    /**
     * Takes a permit for the rest of this request's thread, waiting at most {@code maxWaitMillis}.
     *
     * @return false when every permit stayed busy: the caller must not hash
     */
    boolean tryEnter(long maxWaitMillis) {
        try {
            if (!permits.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        HOLDS_PERMIT.set(true);
        return true;
    }

    /** Gives back the permit of {@link #tryEnter}. */
    void exit() {
        HOLDS_PERMIT.remove();
        permits.release();
    }

    /** How many passwords were checked against a hash since start-up (what throttling must bound). */
    long checks() {
        return checks.get();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        checks.incrementAndGet();
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(java.util.function.Supplier<T> hash) {
        if (HOLDS_PERMIT.get()) {
            return hash.get();
        }
        permits.acquireUninterruptibly();
        try {
            return hash.get();
        } finally {
            permits.release();
        }
    }
}
