package io.stepwise.api;

import io.stepwise.store.ExecutionRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** An execution in full: GET /v1/executions/{id}, a synchronous start, a stop; {@code queue} and {@code priority} are where its steps run. */
@Schema(example = ApiExamples.EXECUTION)
record ExecutionResponse(UUID executionId, String name, String stateMachine, int version, String status,
        JsonNode input, JsonNode output, String error, String cause, Instant startDate, Instant stopDate,
        int redriveCount, Instant redriveDate, String queue, int priority) {

    static ExecutionResponse of(ExecutionRecord e) {
        return new ExecutionResponse(e.id(), e.name(), e.stateMachineName(), e.stateMachineVersion(),
                e.status().name(), e.input(), e.output(), e.error(), e.cause(), e.startDate(), e.stopDate(),
                e.redriveCount(), e.redriveDate(), e.queue(), e.priority());
    }
}
