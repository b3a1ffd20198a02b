package io.stepwise.store;

import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An execution as stored, in its {@code namespace}; {@code queue} (its name in the namespace) and
 * {@code priority} are where its steps run ({@link Placement}). {@code output}, {@code error},
 * {@code cause} and the stop date are null while running.
 */
public record ExecutionRecord(
        UUID id,
        String stateMachineName,
        int stateMachineVersion,
        String name,
        ExecutionStatus status,
        JsonNode input,
        JsonNode output,
        String error,
        String cause,
        Instant startDate,
        Instant stopDate,
        int redriveCount,
        Instant redriveDate,
        String queue,
        int priority,
        Namespace namespace) {

    /** In the default namespace. */
    public ExecutionRecord(UUID id, String stateMachineName, int stateMachineVersion, String name,
            ExecutionStatus status, JsonNode input, JsonNode output, String error, String cause, Instant startDate, Instant stopDate,
            int redriveCount, Instant redriveDate, String queue, int priority) {
        this(id, stateMachineName, stateMachineVersion, name, status, input, output, error, cause, startDate, stopDate,
                redriveCount, redriveDate, queue, priority, Namespace.DEFAULT);
    }
}
