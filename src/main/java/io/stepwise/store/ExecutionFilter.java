package io.stepwise.store;

import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/** Which executions a listing shows; every field is optional (null). Start dates are exclusive bounds. */
public record ExecutionFilter(String stateMachine, ExecutionStatus status, Instant startedAfter,
        Instant startedBefore) {
}
