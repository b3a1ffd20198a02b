package io.stepwise.store;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A step a worker holds under lease {@code leaseToken}; only that token can complete it. The claim
 * brings the execution's columns along, so running the step needs no further query. {@code runAt} is
 * when the step became due (its pickup latency and a timer's lateness are measured from it); {@code placement}
 * its queue and priority, which its children inherit.
 */
public record ClaimedStep(
        long id,
        UUID executionId,
        Long parentId,
        Integer branchIndex,
        StepKind kind,
        String stateName,
        JsonNode input,
        JsonNode stateData,
        int attempt,
        UUID leaseToken,
        ExecutionInfo execution,
        Instant runAt,
        Placement placement) {

    /**
     * Whether the claim took this step before its due time (the timer lookahead): its runner then waits
     * for that time, and its pickup is measured when it starts rather than at the claim.
     */
    public boolean claimedAhead(Instant claimedAt) {
        return runAt != null && runAt.isAfter(claimedAt);
    }

    /** The same step with its execution's input (a child's claim leaves it out: store.ExecutionInputs). */
    ClaimedStep withExecutionInput(JsonNode executionInput) {
        return new ClaimedStep(id, executionId, parentId, branchIndex, kind, stateName, input, stateData, attempt,
                leaseToken, new ExecutionInfo(execution.name(), execution.stateMachineName(),
                        execution.stateMachineVersion(), executionInput, execution.startDate(),
                        execution.redriveCount(), execution.traceparent()), runAt, placement);
    }

    /**
     * The execution a step belongs to, as far as the context object needs it, and its trace context
     * ({@code traceparent}: null unless it was started with tracing on), and its namespace, which
     * decides which definitions and activities its names mean.
     */
    public record ExecutionInfo(String name, String stateMachineName, int stateMachineVersion, JsonNode input,
            Instant startDate, int redriveCount, String traceparent, Namespace namespace) {

        /** In the default namespace. */
        public ExecutionInfo(String name, String stateMachineName, int stateMachineVersion, JsonNode input,
                Instant startDate, int redriveCount, String traceparent) {
            this(name, stateMachineName, stateMachineVersion, input, startDate, redriveCount, traceparent,
                    Namespace.DEFAULT);
        }
    }
}
