package io.stepwise.bench;

import java.util.concurrent.TimeUnit;

/** Polls a condition until it holds; a run that never gets there fails instead of hanging the benchmark. */
final class WaitUntil {

    interface Check {
        boolean done() throws Exception;
    }

    private WaitUntil() {
    }

    static void done(Check check, int seconds, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(pollMillis);
        }
    }
}
