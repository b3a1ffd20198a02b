package io.stepwise.asl.jsonata;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Where the non-deterministic functions get their values: {@code $now()} and {@code $millis()} read
 * the clock, an unseeded {@code $random()} the random source, {@code $uuid()} the UUID source.
 * Injected so tests (and replays) can make them deterministic.
 *
 * @param clock the time {@code $now()} and {@code $millis()} report
 * @param random doubles in [0, 1) for an unseeded {@code $random()}
 * @param uuids version 4 UUIDs for {@code $uuid()}
 */
public record JsonataSources(Clock clock, DoubleSupplier random, Supplier<UUID> uuids) {

    public JsonataSources {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(uuids, "uuids");
    }

    /** The real clock, a thread-safe random source and random UUIDs. */
    public static JsonataSources system() {
        return new JsonataSources(Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(),
                UUID::randomUUID);
    }
}
