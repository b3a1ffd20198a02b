package io.stepwise.support;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Property checks over seeded generators, in plain JUnit: {@link #forAll} runs a property on fixed
 * edge cases first, then on {@code tries} values drawn from a {@link SplittableRandom}.
 *
 * <p>Seeds. Each {@code forAll} call draws a fresh random seed, so every run explores new values; the
 * edge cases are the fixed, deterministic part. A fixed default seed would repeat the same values on
 * every run and find nothing new. {@code -Dstepwise.seed=<long>} (Maven passes it on to the test JVM)
 * makes every call use that seed instead. The seed is printed only when a property fails: the failure
 * message names the seed, the case ({@code edge case i} or {@code case i} of the random ones) and the
 * value, and running again with {@code -Dstepwise.seed=<that seed>} draws the same values in the same
 * order, so the failure comes back. Generators must therefore take all their randomness from the
 * {@link RandomGenerator} they are given (a property that needs a random seed of its own draws it as
 * part of its value).
 */
public final class Seeded {

    /** The system property that fixes the seed of every property in the run. */
    public static final String SEED_PROPERTY = "stepwise.seed";
    /** Random cases per property unless the property says otherwise. */
    public static final int TRIES = 1000;

    private Seeded() {
    }

    /** Checks {@code property} on {@code tries} generated values. */
    public static <T> void forAll(int tries, Function<RandomGenerator, ? extends T> generator,
            Consumer<? super T> property) {
        forAll(List.of(), tries, generator, property);
    }

    /** Checks {@code property} on every edge case, then on {@code tries} generated values. */
    public static <T> void forAll(List<? extends T> edgeCases, int tries,
            Function<RandomGenerator, ? extends T> generator, Consumer<? super T> property) {
        long seed = seed();
        for (int i = 0; i < edgeCases.size(); i++) {
            check(property, edgeCases.get(i), seed, "edge case " + i + " of " + edgeCases.size());
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            check(property, generator.apply(random), seed, "case " + i + " of " + tries);
        }
    }

    private static <T> void check(Consumer<? super T> property, T value, long seed, String which) {
        try {
            property.accept(value);
        } catch (AssertionError | RuntimeException | StackOverflowError failure) {
            throw new AssertionError("Property failed: seed=" + seed + ", " + which + " (replay with -D"
                    + SEED_PROPERTY + "=" + seed + ")\n  value: " + value + "\n  " + failure, failure);
        }
    }

    /**
     * The seed a property should draw from: {@code -Dstepwise.seed} when given, else a fresh random
     * one. For checks that run their own loop instead of {@link #forAll} (and print the seed themselves).
     */
    public static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY, "").strip();
        if (fixed.isEmpty()) {
            return new SplittableRandom().nextLong();
        }
        try {
            return Long.parseLong(fixed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + " must be a long, was: " + fixed, e);
        }
    }

    // Small generator helpers shared by the property classes.

    /** One of {@code choices}, uniformly. */
    @SafeVarargs
    public static <T> T pick(RandomGenerator random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of {@code choices}, uniformly. */
    public static <T> T pick(RandomGenerator random, List<? extends T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A string of {@code minLength..maxLength} characters from {@code alphabet}. */
    public static String string(RandomGenerator random, String alphabet, int minLength, int maxLength) {
        int length = random.nextInt(minLength, maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * A string of {@code 0..maxLength} arbitrary characters: mostly printable ASCII, otherwise any
     * Basic Multilingual Plane character that is not a surrogate.
     */
    public static String anyString(RandomGenerator random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c;
            do {
                c = random.nextBoolean() ? (char) random.nextInt(0x20, 0x7f) : (char) random.nextInt(0x10000);
            } while (Character.isSurrogate(c));
            text.append(c);
        }
        return text.toString();
    }
}
