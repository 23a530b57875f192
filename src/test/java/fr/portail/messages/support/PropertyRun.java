package fr.portail.messages.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Runs a property over many generated cases, in plain JUnit. Each case has its own seed ("world seed"), drawn from a
 * fixed list of run seeds — the same worlds every run — plus one fresh run seed per run, printed, so that each run also
 * explores new worlds. {@code -Dworld.seed=…} runs the one case of that seed instead.
 *
 * <p>On failure the case is shrunk by hand: each smaller case (for a {@link World}, {@link World#smaller()}) that still
 * fails replaces it, until none does; the error names the seed, the replay command and the smallest failing case.
 */
public final class PropertyRun {

    /** The run seeds of every run. */
    public static final List<Long> FIXED_SEEDS = List.of(20261129L, 17L, 424242L);

    /** The system property that replays one case. */
    public static final String REPLAY_PROPERTY = "world.seed";

    /** The system property that changes the number of cases per run seed (the mutation run uses fewer). */
    public static final String COUNT_PROPERTY = "world.count";

    private static final int MAX_SHRINK_ATTEMPTS = 400;

    private PropertyRun() {}

    /** Whether this run checks the full number of cases (neither a replay nor a shortened run). */
    public static boolean fullRun() {
        return System.getProperty(REPLAY_PROPERTY) == null && System.getProperty(COUNT_PROPERTY) == null;
    }

    /**
     * The case seeds of this run: {@code perRunSeed} (or {@code -Dworld.count}) from each fixed run seed and from one
     * fresh run seed (printed), or only the seed of {@code -Dworld.seed} when it is set.
     */
    public static List<Long> seeds(String property, int perRunSeed) {
        String replay = System.getProperty(REPLAY_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            System.out.printf("[%s] replaying the one world of seed %s%n", property, replay.strip());
            return List.of(Long.parseLong(replay.strip()));
        }
        perRunSeed = Integer.getInteger(COUNT_PROPERTY, perRunSeed);
        long fresh = new SplittableRandom().nextLong();
        System.out.printf(
                "[%s] run seeds %s and fresh seed %d, %d worlds each (replay one with -D%s=<world seed>)%n",
                property, FIXED_SEEDS, fresh, perRunSeed, REPLAY_PROPERTY);
        List<Long> seeds = new ArrayList<>();
        List<Long> runSeeds = new ArrayList<>(FIXED_SEEDS);
        runSeeds.add(fresh);
        for (long runSeed : runSeeds) {
            SplittableRandom random = new SplittableRandom(runSeed);
            for (int i = 0; i < perRunSeed; i++) {
                seeds.add(random.nextLong());
            }
        }
        return seeds;
    }

    /**
     * Checks {@code property} on the case of every seed; throws, after shrinking, on the first that fails.
     *
     * @param generate the case of a seed
     * @param smaller the cases one step smaller than a case
     * @param describe how a failure message shows a case
     */
    public static <T> void check(
            String property,
            List<Long> seeds,
            LongFunction<T> generate,
            Function<T, Stream<T>> smaller,
            Function<T, String> describe,
            Consumer<T> check) {
        long start = System.nanoTime();
        for (long seed : seeds) {
            T generated = generate.apply(seed);
            Throwable failure = failure(check, generated);
            if (failure != null) {
                throw shrunk(property, seed, generated, failure, smaller, describe, check);
            }
        }
        System.out.printf(
                "[%s] %d worlds checked in %.1f s%n", property, seeds.size(), (System.nanoTime() - start) / 1e9);
    }

    private static <T> AssertionError shrunk(
            String property,
            long seed,
            T generated,
            Throwable failure,
            Function<T, Stream<T>> smaller,
            Function<T, String> describe,
            Consumer<T> check) {
        T smallest = generated;
        Throwable smallestFailure = failure;
        int steps = 0;
        int attempts = 0;
        boolean shrinking = true;
        while (shrinking && attempts < MAX_SHRINK_ATTEMPTS) {
            shrinking = false;
            Iterator<T> candidates = smaller.apply(smallest).iterator();
            while (candidates.hasNext() && attempts < MAX_SHRINK_ATTEMPTS) {
                T candidate = candidates.next();
                attempts++;
                Throwable candidateFailure = failure(check, candidate);
                if (candidateFailure != null) {
                    smallest = candidate;
                    smallestFailure = candidateFailure;
                    steps++;
                    shrinking = true;
                    break;
                }
            }
        }
        AssertionError error = new AssertionError(
                "[%s] fails for world seed %d (replay: ./mvnw test -Dtest=<this class> -D%s=%d)%n"
                                .formatted(property, seed, REPLAY_PROPERTY, seed)
                        + "smallest failing case after %d shrinking steps (%d tried):%n%s%nfailure: %s"
                                .formatted(steps, attempts, describe.apply(smallest), smallestFailure.getMessage()),
                smallestFailure);
        return error;
    }

    private static <T> Throwable failure(Consumer<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }
}
