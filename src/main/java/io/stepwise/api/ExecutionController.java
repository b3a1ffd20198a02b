package io.stepwise.api;

import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/executions")
class ExecutionController {

    private final Executions executions;

    ExecutionController(Executions executions) {
        this.executions = executions;
    }

    /** @param input the execution input as a JSON value or a string holding JSON; absent means {} */
    record StartExecutionRequest(
            @NotBlank String stateMachine,
            @Positive Integer version,
            @Size(min = 1, max = 80) String name,
            JsonNode input) {
    }

    record StartExecutionResponse(UUID executionId, String name, String stateMachine, int version, String status,
            Instant startDate) {
        static StartExecutionResponse of(ExecutionRecord e) {
            return new StartExecutionResponse(e.id(), e.name(), e.stateMachineName(), e.stateMachineVersion(),
                    e.status().name(), e.startDate());
        }
    }

    record ExecutionResponse(UUID executionId, String name, String stateMachine, int version, String status,
            JsonNode input, JsonNode output, String error, String cause, Instant startDate, Instant stopDate,
            int redriveCount, Instant redriveDate) {
        static ExecutionResponse of(ExecutionRecord e) {
            return new ExecutionResponse(e.id(), e.name(), e.stateMachineName(), e.stateMachineVersion(),
                    e.status().name(), e.input(), e.output(), e.error(), e.cause(), e.startDate(), e.stopDate(),
                    e.redriveCount(), e.redriveDate());
        }
    }

    @PostMapping
    ResponseEntity<StartExecutionResponse> start(@Valid @RequestBody StartExecutionRequest request) {
        JsonNode input = request.input() == null || request.input().isNull() ? Json.NODES.objectNode()
                : JsonBodies.objectOrString(request.input(), "/input");
        var start = executions.start(request.stateMachine(), request.version(), request.name(), input);
        var body = StartExecutionResponse.of(start.execution());
        if (!start.created()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/v1/executions/" + body.executionId())).body(body);
    }

    @GetMapping("/{id}")
    ExecutionResponse get(@PathVariable UUID id) {
        return ExecutionResponse.of(executions.find(id)
                .orElseThrow(() -> new NotFoundException("execution", id.toString())));
    }
}
