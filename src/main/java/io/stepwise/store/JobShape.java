package io.stepwise.store;

import java.math.BigDecimal;

/**
 * What makes a job's generated state machine: its type (the Task's Resource), how often and how far apart
 * it is attempted (the Task's Retry) and how long one attempt may take (its TimeoutSeconds). Jobs of one
 * shape share one state machine version. Null fields take the defaults of
 * {@code stepwise.job_definition_text}.
 */
public record JobShape(String type, Integer maxAttempts, Integer initialSeconds, BigDecimal rate, Integer maxSeconds,
        String jitter, Integer timeoutSeconds) {
}
