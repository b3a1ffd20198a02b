package io.stepwise.engine;

/** An execution's status, as AWS Step Functions defines them. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED,
    PENDING_REDRIVE;

    public boolean isFinished() {
        return this != RUNNING && this != PENDING_REDRIVE;
    }
}
