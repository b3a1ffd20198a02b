package io.stepwise.asl.model;

import java.util.List;

/** One Retry rule. Defaults are AWS's: 1 s, 3 attempts, backoff 2.0, no cap, no jitter. */
public record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
        Double maxDelaySeconds, JitterStrategy jitter) {

    public enum JitterStrategy { FULL, NONE }
}
