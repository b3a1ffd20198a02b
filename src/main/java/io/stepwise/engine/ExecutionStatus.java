package io.stepwise.engine;

import java.util.List;

/**
 * An execution's status, as AWS Step Functions defines them, the status an execution starts in and the
 * moves between them (docs/state-machine.md is generated from these; StatusWritesTest checks the SQL).
 */
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

    /** A status an execution may be created in, with what creates it. */
    public record Initial(ExecutionStatus status, String cause) {
    }

    /** One allowed move, with what causes it (docs/state-machine.md is generated from these). */
    public record Move(ExecutionStatus from, ExecutionStatus to, String cause) {
    }

    /** The statuses an INSERT may give a new execution (StatusWritesTest holds the SQL to them). */
    public static List<Initial> initial() {
        return List.of(new Initial(RUNNING, "start"));
    }

    /**
     * PENDING_REDRIVE is accepted (AWS reports it between a redrive request and its first step), but
     * Stepwise redrives in one transaction and goes straight back to RUNNING.
     */
    public static List<Move> moves() {
        return List.of(
                new Move(RUNNING, SUCCEEDED, "the top-level frame ended"),
                new Move(RUNNING, FAILED, "an error no Catch handled"),
                new Move(RUNNING, TIMED_OUT, "TimeoutSeconds passed"),
                new Move(RUNNING, ABORTED, "stop"),
                new Move(FAILED, RUNNING, "redrive"),
                new Move(TIMED_OUT, RUNNING, "redrive"),
                new Move(ABORTED, RUNNING, "redrive"));
    }
}
