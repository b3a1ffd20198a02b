package io.stepwise.store;

import io.stepwise.engine.TaskResult;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the store, the worker and maintenance tell the outside world as work moves: the hooks of the
 * metrics ({@code observability.StepwiseMeters} implements it). It lives here, the lowest package the
 * three share, because they may not depend on {@code observability}. Every method runs on the
 * caller's thread, some on the hot path, so an implementation must be cheap and must not throw.
 */
public interface WorkObserver {

    /** For code built without Spring (tests, tools): observes nothing. */
    WorkObserver NONE = new WorkObserver() {
    };

    /** An execution was created (not a repeated start that found it). */
    default void executionStarted(String stateMachine) {
    }

    /**
     * One claim query ran: it asked for {@code limit} steps and got {@code batch}, in {@code nanos}. Steps
     * in it may not be due yet (the timer lookahead): each of those is reported again by {@link #stepDue}.
     */
    default void stepsClaimed(int limit, List<ClaimedStep> batch, long nanos, Instant now) {
    }

    /** A step claimed before its due time reached it and starts running now. */
    default void stepDue(ClaimedStep step, Instant now) {
    }

    /** A step's run produced these history events (state transitions among them). */
    default void stepRan(ClaimedStep step, List<ObjectNode> events) {
    }

    /**
     * A task handler finished: {@code retrying} when its failure makes the state retry.
     */
    default void taskRan(ClaimedStep step, String resource, TaskResult result, boolean retrying, long nanos) {
    }

    /**
     * A batch of {@code size} completions went through one transaction (a completion whose lease was lost
     * is refused there, and counted), in {@code nanos} with its commit:
     * what every completion in it waited for, and what the completions queued behind it waited for too.
     */
    default void completionsCommitted(int size, long nanos) {
    }

    /** A completion was committed (its lease still held). */
    default void completed(Completion completion, Instant now) {
    }

    /** Expired leases made claimable again. */
    default void leasesRescued(int count) {
    }

    /** Executions ended by their TimeoutSeconds. */
    default void executionsTimedOut(int count) {
    }

    /** A replica's poller started: its slot count, how many are busy, and whether it is still claiming. */
    default void pollerStarted(int slots, IntSupplier busy, BooleanSupplier polling) {
    }
}
