package fr.portail.messages.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the interesting cases a property test met, so that the test proves they occurred: a generator that stopped
 * producing, say, deactivated participants would otherwise leave the property passing and empty. Declare every case
 * up front with {@link #expect(String...)}; {@link #assertEachAtLeast(int)} prints the counts and fails on any below
 * the minimum.
 */
public final class CaseCounter {

    private final String property;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public CaseCounter(String property) {
        this.property = property;
    }

    /** Cases that must occur, even if they never do (then their count is 0 and the test fails). */
    public CaseCounter expect(String... cases) {
        for (String name : cases) {
            counts.computeIfAbsent(name, n -> new AtomicInteger());
        }
        return this;
    }

    /** Counts one occurrence of {@code name} when {@code condition} holds. */
    public void count(String name, boolean condition) {
        if (condition) {
            counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }
    }

    public void count(String name) {
        count(name, true);
    }

    /** Prints every count and asserts that each expected case occurred at least {@code minimum} times. */
    public void assertEachAtLeast(int minimum) {
        Map<String, Integer> sorted = new TreeMap<>();
        counts.forEach((name, count) -> sorted.put(name, count.get()));
        StringBuilder report = new StringBuilder("[" + property + "] cases met:");
        sorted.forEach((name, count) -> report.append(String.format("%n  %7d  %s", count, name)));
        System.out.println(report);
        assertThat(sorted)
                .as("every interesting case of %s occurs at least %d times", property, minimum)
                .allSatisfy((name, count) -> assertThat(count).as(name).isGreaterThanOrEqualTo(minimum));
    }
}
