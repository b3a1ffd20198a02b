package io.stepwise.api;

import io.stepwise.asl.Json;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.Diagnostic;
import io.stepwise.asl.validation.StateMachineType;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.StateMachineSummary;
import io.stepwise.store.StateMachines;
import io.stepwise.store.StoredStateMachine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "State machines")
@RestController
@RequestMapping("/v1/state-machines")
class StateMachineController {

    /** AWS's rule for state machine names, so that a machine moves between the two unchanged. */
    static final String NAME = "[A-Za-z0-9_-]{1,80}";
    static final String NAME_MESSAGE = "must be 1 to 80 letters, digits, '-' or '_'";

    private final StateMachines stateMachines;
    private final ApiProperties properties;

    StateMachineController(StateMachines stateMachines, ApiProperties properties) {
        this.stateMachines = stateMachines;
        this.properties = properties;
    }

    /** @param definition the ASL definition as a JSON object, or as a string holding one (as AWS takes it) */
    @Schema(example = ApiExamples.PUT_STATE_MACHINE)
    record PutStateMachineRequest(@NotNull JsonNode definition, @Size(max = 256) String description) {
    }

    @Schema(example = ApiExamples.STATE_MACHINE_VERSION)
    record StateMachineVersionResponse(String name, int version, Instant createdAt) {
        static StateMachineVersionResponse of(StoredStateMachine machine) {
            return new StateMachineVersionResponse(machine.name(), machine.version(), machine.createdAt());
        }
    }

    /**
     * @param definition the definition as JSON, its keys in written order
     * @param definitionText the definition exactly as stored: the string PUT sent, character for character,
     *        or the compact JSON text of the object it sent (AWS's DescribeStateMachine returns this string)
     */
    @Schema(example = ApiExamples.STATE_MACHINE)
    record StateMachineResponse(String name, int version, String description, JsonNode definition,
            String definitionText, Instant createdAt) {
        static StateMachineResponse of(StoredStateMachine machine) {
            return new StateMachineResponse(machine.name(), machine.version(), machine.description(),
                    machine.definition(), machine.definitionText(), machine.createdAt());
        }
    }

    /**
     * A page of the listing and an opaque cursor for the next one (null on the last): pass it back as
     * {@code cursor}. Each listing has its own record, so the OpenAPI document names and exemplifies it.
     */
    @Schema(example = ApiExamples.STATE_MACHINE_PAGE)
    record StateMachinePage(List<StateMachineSummary> items, String nextCursor) {
    }

    /** @param type STANDARD (default) or EXPRESS: express machines refuse a few Task resources */
    @Schema(example = ApiExamples.VALIDATE)
    record ValidateRequest(@NotNull JsonNode definition, StateMachineType type) {
    }

    /** @param result OK when no diagnostic is an error, else FAIL (AWS's ValidateStateMachineDefinition) */
    @Schema(example = ApiExamples.VALIDATE_RESULT)
    record ValidateResponse(String result, List<Diagnostic> diagnostics) {
    }

    @Operation(operationId = "putStateMachine", summary = "Register a state machine version",
            description = "Validates the definition and stores it as the next version of the named machine. Putting"
                    + " a definition equal to the latest version stores nothing and answers 200 with that version.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Stored as a new version; Location points at it."),
                    @ApiResponse(responseCode = "200", description = "Equal to the latest version, which is returned.")})
    @ProblemResponses(ProblemType.INVALID_DEFINITION)
    @PutMapping("/{name}")
    ResponseEntity<StateMachineVersionResponse> put(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE)
            String name, @Valid @RequestBody PutStateMachineRequest request, Namespace namespace) {
        JsonNode definition = JsonBodies.definition(request.definition(), properties.maxDefinitionBytes().toBytes());
        // a string is kept as sent, character for character; an object as its compact text, keys in order
        String text = request.definition().isString() ? request.definition().asString() : Json.write(definition);
        var registration = stateMachines.register(namespace, name, text, request.description());
        var body = StateMachineVersionResponse.of(registration.stateMachine());
        if (!registration.created()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/v1/state-machines/" + name + "/versions/" + body.version()))
                .body(body);
    }

    @Operation(operationId = "listStateMachines", summary = "List state machines",
            description = "The latest version of each machine, by name. Pass `nextCursor` back as `cursor` for the"
                    + " next page.",
            responses = @ApiResponse(responseCode = "200", description = "A page of state machines."))
    @GetMapping
    StateMachinePage list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor, Namespace namespace) {
        List<StateMachineSummary> rows = stateMachines.page(namespace, Cursors.stateMachinesAfter(cursor), limit + 1);
        if (rows.size() <= limit) {
            return new StateMachinePage(rows, null);
        }
        List<StateMachineSummary> items = rows.subList(0, limit);
        return new StateMachinePage(List.copyOf(items), Cursors.stateMachines(items.getLast().name()));
    }

    @Operation(operationId = "getStateMachine", summary = "Get the latest version of a state machine",
            responses = @ApiResponse(responseCode = "200", description = "The latest version, with its definition."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{name}")
    StateMachineResponse get(@PathVariable String name, Namespace namespace) {
        return StateMachineResponse.of(stateMachines.latest(namespace, name)
                .orElseThrow(() -> new NotFoundException("state machine", name)));
    }

    @Operation(operationId = "getStateMachineVersion", summary = "Get one version of a state machine",
            responses = @ApiResponse(responseCode = "200", description = "That version, with its definition."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{name}/versions/{version}")
    StateMachineResponse version(@PathVariable String name, @PathVariable int version, Namespace namespace) {
        return StateMachineResponse.of(stateMachines.version(namespace, name, version)
                .orElseThrow(() -> new NotFoundException("state machine version", name + ":" + version)));
    }

    /** Executions of a deleted machine stay readable; a later PUT of the name starts again at version 1. */
    @Operation(operationId = "deleteStateMachine", summary = "Delete a state machine and all its versions",
            description = "Refused while executions of it are unfinished. Its finished executions stay readable.",
            responses = @ApiResponse(responseCode = "204", description = "Deleted."))
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.STATE_MACHINE_IN_USE})
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Namespace namespace) {
        stateMachines.delete(namespace, name);
        return ResponseEntity.noContent().build();
    }

    /**
     * Validates without storing. A string definition that is not JSON is a FAIL with a diagnostic, as
     * AWS answers it, not a 400: the request itself is fine.
     */
    @Operation(operationId = "validateStateMachine", summary = "Validate a definition without storing it",
            description = "As AWS's ValidateStateMachineDefinition: the answer lists every diagnostic; an invalid"
                    + " definition is a 200 with result FAIL, not a problem.",
            responses = @ApiResponse(responseCode = "200", description = "OK or FAIL, with the diagnostics."))
    @PostMapping("/validate")
    ValidateResponse validate(@Valid @RequestBody ValidateRequest request) {
        JsonBodies.checkSize(request.definition(), properties.maxDefinitionBytes().toBytes(), "/definition",
                "definition");
        StateMachineType type = request.type() == null ? StateMachineType.STANDARD : request.type();
        List<Diagnostic> diagnostics = request.definition().isString()
                ? DefinitionValidator.validate(request.definition().asString(), type)
                : DefinitionValidator.validate(request.definition(), type);
        return new ValidateResponse(DefinitionValidator.hasErrors(diagnostics) ? "FAIL" : "OK", diagnostics);
    }
}
