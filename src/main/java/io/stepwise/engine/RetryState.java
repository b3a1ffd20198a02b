package io.stepwise.engine;

import java.util.Arrays;

/**
 * How often each Retrier of the current state has fired. Survives restarts in the step's state data,
 * so a retried task does not get its attempts back after a crash.
 */
public record RetryState(int[] counts) {

    public static RetryState none(int retriers) {
        return new RetryState(new int[retriers]);
    }

    /** Every Retrier has fired {@code count} times (TestState's retrierRetryCount, for whichever matches). */
    public static RetryState each(int retriers, int count) {
        int[] counts = new int[retriers];
        Arrays.fill(counts, count);
        return new RetryState(counts);
    }

    public int total() {
        int total = 0; // a loop, not a stream: called for every state of every run
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    public int count(int retrier) {
        return retrier < counts.length ? counts[retrier] : 0;
    }

    public RetryState incremented(int retrier) {
        int[] next = Arrays.copyOf(counts, Math.max(counts.length, retrier + 1));
        next[retrier]++;
        return new RetryState(next);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryState r && Arrays.equals(counts, r.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "RetryState" + Arrays.toString(counts);
    }
}
