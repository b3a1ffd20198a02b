package io.stepwise.api;

import io.stepwise.store.StateMachines;
import io.stepwise.store.StoredStateMachine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/state-machines")
class StateMachineController {

    private final StateMachines stateMachines;

    StateMachineController(StateMachines stateMachines) {
        this.stateMachines = stateMachines;
    }

    /** @param definition the ASL definition as a JSON object, or as a string holding one (as AWS takes it) */
    record PutStateMachineRequest(@NotNull JsonNode definition, String description) {
    }

    record StateMachineVersionResponse(String name, int version, Instant createdAt) {
        static StateMachineVersionResponse of(StoredStateMachine machine) {
            return new StateMachineVersionResponse(machine.name(), machine.version(), machine.createdAt());
        }
    }

    @PutMapping("/{name}")
    ResponseEntity<StateMachineVersionResponse> put(@PathVariable String name,
            @Valid @RequestBody PutStateMachineRequest request) {
        JsonNode definition = JsonBodies.objectOrString(request.definition(), "/definition");
        var registration = stateMachines.register(name, definition, request.description());
        var body = StateMachineVersionResponse.of(registration.stateMachine());
        if (!registration.created()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/v1/state-machines/" + name + "/versions/" + body.version()))
                .body(body);
    }
}
