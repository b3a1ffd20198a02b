package io.stepwise.store;

import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/**
 * Which executions of a namespace a listing shows; every other field is optional (null). Start dates are
 * exclusive bounds.
 */
public record ExecutionFilter(String stateMachine, ExecutionStatus status, Instant startedAfter,
        Instant startedBefore, Namespace namespace) {

    /** In the default namespace. */
    public ExecutionFilter(String stateMachine, ExecutionStatus status, Instant startedAfter, Instant startedBefore) {
        this(stateMachine, status, startedAfter, startedBefore, Namespace.DEFAULT);
    }
}
