package io.stepwise.engine;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What the context object ({@code $$}, {@code $states.context}) says about the execution. The
 * interpreter adds the State (and Map item) part per state.
 */
public record ExecutionContext(
        String executionId,
        String executionName,
        JsonNode input,
        Instant startTime,
        String stateMachineId,
        String stateMachineName,
        int redriveCount,
        String roleArn) {
}
