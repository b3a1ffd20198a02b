package io.stepwise.asl.intrinsic;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Where States.MathRandom (without a seed) and States.UUID get their randomness. Tests pass fixed
 * sources; a seeded States.MathRandom does not use these, it is a pure function of its seed.
 */
public record IntrinsicSources(RandomGenerator random, Supplier<UUID> uuids) {

    public IntrinsicSources {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(uuids, "uuids");
    }

    public static IntrinsicSources system() {
        return new IntrinsicSources(RandomGenerator.getDefault(), UUID::randomUUID);
    }
}
