package io.stepwise.store;

import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a worker commits for a claimed step, guarded by the step's lease. Each carries the history
 * events of the run that produced it (an array, written as one history row).
 */
public sealed interface Completion {

    ClaimedStep step();

    /** @return the events as a JSON array, or null when the run produced none */
    JsonText events();

    /**
     * The top-level frame ended: the execution ends. On success its steps go; on failure
     * {@code failure} says where, and the step stays for a redrive.
     */
    record FinishExecution(ClaimedStep step, ExecutionStatus status, JsonText output, String error, String cause,
            FailurePoint failure, JsonText events) implements Completion {
    }

    /**
     * Where a frame failed: the state and its input, the checkpoint to resume it, and whether the
     * failure is the step's own Parallel/Map join (then its children are kept for a redrive).
     */
    record FailurePoint(String stateName, JsonText input, JsonText stateData, boolean atOwnFanOut) {
    }

    /** The step waits again in the same row: a retry backoff, a Wait, or a yield. */
    record Reschedule(ClaimedStep step, StepKind kind, String stateName, JsonText input, JsonText stateData,
            Instant runAt, JsonText events) implements Completion {
    }

    /** A Parallel or Map state fans out; the step waits for its children. */
    record StartChildren(ClaimedStep step, String stateName, JsonText input, JsonText stateData,
            List<NewChild> children, int maxConcurrency, Instant runAt, JsonText events) implements Completion {
    }

    /** A child frame (branch or iteration) ended; its parent may now resume. */
    record EndChild(ClaimedStep step, boolean succeeded, JsonText output, String error, String cause,
            FailurePoint failure, JsonText events) implements Completion {
    }

    /**
     * The step's Task waits for the answer to its task token (an activity's worker, or whoever got the
     * token of a {@code .waitForTaskToken} call), until {@code runAt} at the latest: its first deadline.
     */
    record AwaitAnswer(ClaimedStep step, String stateName, JsonText input, JsonText stateData, Instant runAt,
            AwaitedToken token, JsonText events) implements Completion {
    }

    /**
     * The attempt's task token (its SHA-256 and the attempt key it is derived from) and deadlines;
     * {@code activity} and {@code input} for an activity task, null for a callback.
     */
    record AwaitedToken(byte[] tokenHash, String attemptKey, String activity, JsonText input, Instant timeoutAt,
            Integer heartbeatSeconds, Instant heartbeatAt) {
    }

    record NewChild(int branchIndex, String stateName, JsonText input, JsonText stateData) {
    }
}
