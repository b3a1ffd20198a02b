package io.stepwise.task;

/**
 * Thrown by a handler (or {@link Cancellation#throwIfCancelled()}, or a {@link Heartbeat}) to stop
 * because its run was cancelled. It is not a failure: the run's outcome is discarded, not recorded.
 */
public class TaskCancelledException extends RuntimeException {

    public TaskCancelledException() {
        super("the task run was cancelled", null, false, false);
    }
}
