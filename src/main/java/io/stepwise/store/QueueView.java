package io.stepwise.store;

import java.time.Instant;

/**
 * A queue as people see it: its settings (null limits: unlimited; {@code updatedAt} null for a queue
 * that has steps but was never configured) and what is in it right now.
 */
public record QueueView(String name, Integer concurrency, RateLimit rateLimit, boolean paused, Instant updatedAt,
        Counts counts) {

    /** The same queue under another name (its name in its namespace rather than its key). */
    public QueueView named(String name) {
        return new QueueView(name, concurrency, rateLimit, paused, updatedAt, counts);
    }

    /** At most {@code limit} claims per {@code periodSeconds}, across all replicas. */
    public record RateLimit(int limit, int periodSeconds) {
    }

    /**
     * Steps available (due), running, scheduled (due later), retrying (waiting out a retry backoff), and
     * executions of the queue that failed or timed out in the last hour.
     */
    public record Counts(long available, long running, long scheduled, long retrying, long failedLastHour) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        Counts withFailed(long failed) {
            return new Counts(available, running, scheduled, retrying, failed);
        }
    }
}
