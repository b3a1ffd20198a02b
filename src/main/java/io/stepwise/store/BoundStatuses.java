package io.stepwise.store;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.StepStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The statuses Java may bind into the statements that take their new status as a parameter, by
 * statement name. The SQL text cannot tell which moves such a statement makes, so StatusWritesTest takes
 * them from here and checks each against the statement's guard and the move table; {@link #bind}
 * refuses any other status at run time, so a move the table does not allow cannot reach the database
 * through a parameter either.
 */
final class BoundStatuses {

    static final Map<String, Set<? extends Enum<?>>> ALLOWED = Map.of(
            // a fan-out's child (StepCompletions.startChildren): READY, or BLOCKED beyond MaxConcurrency
            "StepInsertChildren", EnumSet.of(StepStatus.READY, StepStatus.BLOCKED),
            // a child frame ended and keeps its result for the parent's join
            "StepFinishChildrenLeased", EnumSet.of(StepStatus.SUCCEEDED, StepStatus.FAILED),
            // a redrive (ExecutionControl.Revival, behind Executions.redrive): a leaf READY or BLOCKED, a Parallel/Map WAITING for its children
            "StepRevive", EnumSet.of(StepStatus.READY, StepStatus.WAITING, StepStatus.BLOCKED),
            // the top-level frame ended; a timeout and a stop have statements of their own
            "ExecutionFinish", EnumSet.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED),
            "ExecutionFinishMany", EnumSet.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED));

    private BoundStatuses() {
    }

    /** The status's name, for binding into {@code statement}; refuses a status it may not set. */
    static String bind(String statement, Enum<?> status) {
        Set<? extends Enum<?>> allowed = ALLOWED.get(statement);
        if (allowed == null || !allowed.contains(status)) {
            throw new IllegalArgumentException(statement + " may not set status " + status + " (it sets "
                    + (allowed == null ? "no bound status" : allowed) + ")");
        }
        return status.name();
    }
}
