package io.stepwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stepwise.store.ExecutionConflictException;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.Placement;
import io.stepwise.store.StateMachines;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Executions")
@RestController
@RequestMapping("/v1/executions")
class ExecutionController {

    static final int DEFAULT_SYNC_TIMEOUT_SECONDS = 60;

    private final Executions executions;
    private final StateMachines stateMachines;
    private final ApiProperties properties;

    ExecutionController(Executions executions, StateMachines stateMachines, ApiProperties properties) {
        this.executions = executions;
        this.stateMachines = stateMachines;
        this.properties = properties;
    }

    /**
     * @param input the execution input as a JSON value or a string holding JSON; absent means {}
     * @param queue the queue every step of the execution runs on (default {@code default})
     * @param priority the steps' priority within their queue, -100 to 100, higher first (default 0)
     */
    @Schema(example = ApiExamples.START_EXECUTION)
    record StartExecutionRequest(
            @NotBlank String stateMachine,
            @Positive Integer version,
            @Size(min = 1, max = 80) String name,
            JsonNode input,
            @Pattern(regexp = Placement.QUEUE_PATTERN, message = QUEUE_MESSAGE) String queue,
            @Min(Placement.MIN_PRIORITY) @Max(Placement.MAX_PRIORITY) Integer priority) {

        Executions.StartRequest toStart(JsonNode checkedInput) {
            return new Executions.StartRequest(stateMachine, version, name, checkedInput, Placement.of(queue, priority));
        }
    }

    static final String QUEUE_MESSAGE = "must be 1 to 64 of A-Z a-z 0-9 _ . : -";

    /** A start that waits for the end: {@code timeoutSeconds} (1 to 300, default 60) bounds the wait. */
    @Schema(example = ApiExamples.START_EXECUTION_SYNC)
    record SyncStartExecutionRequest(
            @NotBlank String stateMachine,
            @Positive Integer version,
            @Size(min = 1, max = 80) String name,
            JsonNode input,
            @Pattern(regexp = Placement.QUEUE_PATTERN, message = QUEUE_MESSAGE) String queue,
            @Min(Placement.MIN_PRIORITY) @Max(Placement.MAX_PRIORITY) Integer priority,
            @Min(1) @Max(300) Integer timeoutSeconds) {
    }

    @Schema(example = ApiExamples.STARTED)
    record StartExecutionResponse(UUID executionId, String name, String stateMachine, int version, String status,
            Instant startDate, String queue, int priority) {
        static StartExecutionResponse of(ExecutionRecord e) {
            return new StartExecutionResponse(e.id(), e.name(), e.stateMachineName(), e.stateMachineVersion(),
                    e.status().name(), e.startDate(), e.queue(), e.priority());
        }
    }

    /** A page of the listing, newest first, and the cursor for the next one (null on the last). */
    @Schema(example = ApiExamples.EXECUTION_PAGE)
    record ExecutionPage(List<ExecutionSummary> items, String nextCursor) {
    }

    /** Up to {@value Executions#MAX_START_ALL} starts, each as {@code POST /v1/executions} takes it. */
    @Schema(example = ApiExamples.BATCH_START)
    record BatchStartRequest(@NotNull @Size(min = 1, max = Executions.MAX_START_ALL) List<@Valid @NotNull
            StartExecutionRequest> executions) {
    }

    /**
     * One start's answer, in request order: {@code status} 201 (started), 200 (the same named start
     * again) with {@code execution}, or 404/409 with {@code problem}, as a single start would answer.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchStartItem(int status, StartExecutionResponse execution, ProblemDetail problem) {
    }

    @Schema(example = ApiExamples.BATCH_STARTED)
    record BatchStartResponse(List<BatchStartItem> items) {
    }

    /** Both fields are optional; they become the execution's error and cause, as on AWS. */
    @Schema(example = ApiExamples.STOP_EXECUTION)
    record StopExecutionRequest(@Size(max = 256) String error, @Size(max = 32768) String cause) {
    }

    @Operation(operationId = "startExecution", summary = "Start an execution",
            description = "Starts the latest version of the state machine, or `version`. A `name` makes the start"
                    + " idempotent: the same name and input again answers 200 with the execution already started.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Started; Location points at the execution."),
                    @ApiResponse(responseCode = "200", description = "The same named start again: the execution it"
                            + " started.")})
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.EXECUTION_EXISTS})
    @PostMapping
    ResponseEntity<StartExecutionResponse> start(@Valid @RequestBody StartExecutionRequest request,
            Namespace namespace) {
        JsonNode input = JsonBodies.input(request.input(), properties.maxInputBytes().toBytes(), "/input");
        var start = executions.start(request.toStart(input).in(namespace));
        var body = StartExecutionResponse.of(start.execution());
        if (!start.created()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(location(body.executionId())).body(body);
    }

    /**
     * Starts up to {@value Executions#MAX_START_ALL} executions in one transaction ({@link Executions#startAll}),
     * each answered in order; one start's missing machine or taken name fails only that start. A
     * malformed request (a missing field, an input too large) is a 400 for the whole batch, pointing at
     * the item's field, and starts nothing.
     */
    @Operation(operationId = "startExecutions", summary = "Start up to 1,000 executions at once",
            description = "One transaction; each start is answered in request order with the status a single start"
                    + " would get (201, 200, or 404/409 with a problem). A malformed item fails the whole batch.",
            responses = @ApiResponse(responseCode = "200", description = "One item per start, in request order."))
    @PostMapping("/batch")
    BatchStartResponse startBatch(@Valid @RequestBody BatchStartRequest request, Namespace namespace) {
        List<Executions.StartRequest> starts = new ArrayList<>();
        for (int i = 0; i < request.executions().size(); i++) {
            StartExecutionRequest item = request.executions().get(i);
            JsonNode input = JsonBodies.input(item.input(), properties.maxInputBytes().toBytes(),
                    "/executions/" + i + "/input");
            starts.add(item.toStart(input).in(namespace));
        }
        List<BatchStartItem> items = new ArrayList<>();
        List<Executions.StartResult> results = executions.startAll(starts);
        for (int i = 0; i < results.size(); i++) {
            items.add(item(results.get(i), "/executions/" + i));
        }
        return new BatchStartResponse(items);
    }

    private static BatchStartItem item(Executions.StartResult result, String at) {
        if (result.failure() == null) {
            var start = result.start();
            return new BatchStartItem(start.created() ? 201 : 200, StartExecutionResponse.of(start.execution()), null);
        }
        ProblemDetail problem = switch (result.failure()) {
            case NotFoundException e -> Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(),
                    at + "/stateMachine");
            case ExecutionConflictException e -> Problems.of(HttpStatus.CONFLICT, "execution-exists",
                    "Execution already exists", e.getMessage(), at + "/name");
            default -> throw result.failure(); // not a start's own fault: the request's answer as for one start
        };
        return new BatchStartItem(problem.getStatus(), null, problem);
    }

    /**
     * Starts (or finds, for a repeated named start) an execution and waits for it to end: 200 with the
     * full description once it has ended; 202 with the description as it is (RUNNING) when the timeout
     * passes first, the Location header pointing at where to poll. The execution runs on regardless.
     */
    @Operation(operationId = "startExecutionSync", summary = "Start an execution and wait for its end",
            description = "Waits up to `timeoutSeconds` (1 to 300, default 60). The execution runs on regardless.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "It ended: the full execution."),
                    @ApiResponse(responseCode = "202", description = "Still running when the wait ran out; poll"
                            + " the Location.")})
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.EXECUTION_EXISTS})
    @PostMapping("/sync")
    ResponseEntity<ExecutionResponse> startSync(@Valid @RequestBody SyncStartExecutionRequest request,
            Namespace namespace) {
        JsonNode input = JsonBodies.input(request.input(), properties.maxInputBytes().toBytes(), "/input");
        var start = executions.start(new Executions.StartRequest(request.stateMachine(), request.version(),
                request.name(), input, null, Placement.of(request.queue(), request.priority()), namespace));
        int timeout = request.timeoutSeconds() == null ? DEFAULT_SYNC_TIMEOUT_SECONDS : request.timeoutSeconds();
        ExecutionRecord execution = start.execution().status().isFinished() ? start.execution()
                : executions.awaitEnd(start.execution().id(), Duration.ofSeconds(timeout));
        HttpStatus status = execution.status().isFinished() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(location(execution.id())).body(ExecutionResponse.of(execution));
    }

    /**
     * Newest first. {@code startedAfter}/{@code startedBefore} are exclusive ISO-8601 instants; the
     * cursor is only valid with the filters it was returned for.
     */
    @Operation(operationId = "listExecutions", summary = "List executions, newest first",
            description = "Filters combine. Pass `nextCursor` back as `cursor` (with the same filters) for the next"
                    + " page.",
            responses = @ApiResponse(responseCode = "200", description = "A page of executions."))
    @GetMapping
    ExecutionPage list(
            @RequestParam(required = false) @Size(min = 1, max = 80) String stateMachine,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String startedAfter,
            @RequestParam(required = false) String startedBefore,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor, Namespace namespace) {
        var filter = ExecutionFilters.of(namespace, stateMachine, status, startedAfter, startedBefore);
        var page = executions.page(filter, Cursors.executionsAfter(cursor), limit);
        return new ExecutionPage(page.items().stream().map(ExecutionSummary::of).toList(),
                Cursors.executions(page.next()));
    }

    @Operation(operationId = "getExecution", summary = "Get an execution",
            responses = @ApiResponse(responseCode = "200", description = "The execution, with input and output."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{id}")
    ExecutionResponse get(@PathVariable UUID id, Namespace namespace) {
        return ExecutionResponse.of(executions.find(namespace, id)
                .orElseThrow(() -> new NotFoundException("execution", id.toString())));
    }

    /** Ends a running execution as ABORTED; 409 when it has already ended. */
    @Operation(operationId = "stopExecution", summary = "Stop a running execution",
            description = "Ends it as ABORTED with the optional error and cause; running task handlers are cancelled.",
            responses = @ApiResponse(responseCode = "200", description = "The execution, now ABORTED."))
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.EXECUTION_NOT_RUNNING})
    @PostMapping("/{id}/stop")
    ExecutionResponse stop(@PathVariable UUID id, @Valid @RequestBody(required = false) StopExecutionRequest request,
            Namespace namespace) {
        String error = request == null ? null : request.error();
        String cause = request == null ? null : request.cause();
        if (!executions.stop(namespace, id, error, cause)) {
            ExecutionRecord ended = executions.find(namespace, id).orElseThrow(() -> new NotFoundException("execution",
                    id.toString()));
            throw new ConflictException("execution-not-running", "Execution not running", "Execution " + id
                    + " has already ended as " + ended.status() + "; only a running execution can be stopped.");
        }
        return get(id, namespace);
    }

    /**
     * Runs a FAILED, TIMED_OUT or ABORTED execution again from where it stopped, on the version it
     * started with (so a fix of the definition itself needs a new execution). 409 for any other
     * status, or when that version has been deleted.
     */
    @Operation(operationId = "redriveExecution", summary = "Redrive a failed execution",
            description = "Runs a FAILED, TIMED_OUT or ABORTED execution again from where it stopped, on the version"
                    + " it started with; steps that succeeded keep their results.",
            responses = @ApiResponse(responseCode = "200", description = "The execution, RUNNING again."))
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.REDRIVE_NOT_ALLOWED})
    @PostMapping("/{id}/redrive")
    ExecutionResponse redrive(@PathVariable UUID id, Namespace namespace) {
        ExecutionRecord execution = executions.find(namespace, id)
                .orElseThrow(() -> new NotFoundException("execution", id.toString()));
        if (stateMachines.version(namespace, execution.stateMachineName(), execution.stateMachineVersion()).isEmpty()) {
            throw new ConflictException("redrive-not-allowed", "Redrive not allowed", "Execution " + id
                    + " ran on state machine '" + execution.stateMachineName() + "' version "
                    + execution.stateMachineVersion() + ", which has been deleted; start a new execution instead.");
        }
        return ExecutionResponse.of(executions.redrive(namespace, id));
    }

    static URI location(UUID executionId) {
        return URI.create("/v1/executions/" + executionId);
    }
}
