package io.stepwise.engine;

import java.util.List;

/**
 * A step's status (the step table's status column), the statuses a step starts in and the moves between
 * them. docs/state-machine.md is generated from these declarations by StateMachineDocTest, and
 * StatusWritesTest checks every status the SQL of db/queries writes against them, so none can drift.
 */
public enum StepStatus {
    /** due at run_at; the claim index holds only these */
    READY("claimable at run_at"),
    /** leased by a worker; only the lease holder can move it on */
    RUNNING("leased by a worker"),
    /** a Parallel/Map step waiting for its children */
    WAITING("waits for its children"),
    /** a child waiting for a MaxConcurrency slot */
    BLOCKED("waits for a MaxConcurrency slot"),
    /** a finished child keeping its output for the parent's join */
    SUCCEEDED("child result kept for the join"),
    /** a frame that failed at state_name; kept for a redrive */
    FAILED("failed at state_name; kept for redrive"),
    /** cut off by a stop, a timeout or a sibling's failure; kept for a redrive */
    CANCELLED("cut off; kept for redrive");

    private final String meaning;

    StepStatus(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** A status a step may be created in, with what creates it. */
    public record Initial(StepStatus status, String cause) {
    }

    /** One allowed move, with what causes it. */
    public record Move(StepStatus from, StepStatus to, String cause) {
    }

    /** The statuses an INSERT may give a new step (StatusWritesTest holds the SQL to them). */
    public static List<Initial> initial() {
        return List.of(
                new Initial(READY, "start, fan-out child"),
                new Initial(BLOCKED, "fan-out child beyond MaxConcurrency"));
    }

    public static List<Move> moves() {
        return List.of(
                new Move(READY, RUNNING, "claimed (FOR UPDATE SKIP LOCKED)"),
                new Move(READY, CANCELLED, "stop, timeout, or a sibling's failure"),
                new Move(RUNNING, READY, "retry backoff, Wait, yield, shutdown release, or lease rescue"),
                new Move(RUNNING, WAITING, "Parallel/Map fans out"),
                new Move(RUNNING, SUCCEEDED, "a child frame ended"),
                new Move(RUNNING, FAILED, "the frame failed"),
                new Move(RUNNING, CANCELLED, "stop, timeout, or a sibling's failure"),
                new Move(WAITING, READY, "children done (or one failed beyond tolerance)"),
                new Move(WAITING, CANCELLED, "stop or timeout"),
                new Move(BLOCKED, READY, "a sibling finished"),
                new Move(BLOCKED, CANCELLED, "stop, timeout, or a sibling's failure"),
                new Move(FAILED, READY, "redrive"),
                new Move(FAILED, WAITING, "redrive of a Parallel/Map with unfinished children"),
                new Move(FAILED, BLOCKED, "redrive beyond MaxConcurrency"),
                new Move(CANCELLED, READY, "redrive"),
                new Move(CANCELLED, WAITING, "redrive of a Parallel/Map with unfinished children"),
                new Move(CANCELLED, BLOCKED, "redrive beyond MaxConcurrency"));
    }
}
