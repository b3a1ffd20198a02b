package io.stepwise.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Execution ids are UUIDv7: time-ordered, so new executions land at the right edge of the primary key
 * index instead of scattering across it.
 */
public final class ExecutionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ExecutionIds() {
    }

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long random = RANDOM.nextLong();
        long high = (millis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
        long low = (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
