package io.stepwise.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/** Polls until a value satisfies a condition; the test fails with the last value seen on timeout. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout + "; last value: " + last);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            last = probe.get();
        }
        return last;
    }
}
