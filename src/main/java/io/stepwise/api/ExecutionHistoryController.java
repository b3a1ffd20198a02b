package io.stepwise.api;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.HistoryEvent;
import io.stepwise.store.HistoryQueries;
import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;
import io.stepwise.store.StateMachines;
import io.stepwise.store.StoredStateMachine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** What happened in an execution: its event history, and the failure at a glance. */
@Tag(name = "Executions")
@RestController
@RequestMapping("/v1/executions/{id}")
class ExecutionHistoryController {

    private final HistoryQueries history;
    private final Executions executions;
    private final StateMachines stateMachines;

    ExecutionHistoryController(HistoryQueries history, Executions executions, StateMachines stateMachines) {
        this.history = history;
        this.executions = executions;
        this.stateMachines = stateMachines;
    }

    /**
     * AWS's event types and ids. {@code previousEventId} is always {@code id - 1}; AWS's is the causal
     * predecessor, which differs inside Parallel branches and Map iterations.
     */
    record HistoryEventResponse(long id, long previousEventId, Instant timestamp, String type, JsonNode details) {
        static HistoryEventResponse of(HistoryEvent e) {
            return new HistoryEventResponse(e.id(), e.previousEventId(), e.timestamp(), e.type(), e.details());
        }
    }

    /** The pagination of every listing, with the items called {@code events} as in AWS's GetExecutionHistory. */
    @Schema(example = ApiExamples.HISTORY)
    record HistoryResponse(List<HistoryEventResponse> events, String nextCursor) {
    }

    /**
     * Oldest first, or newest first with {@code reverse=true}. While the execution runs, a page that is
     * not full has no nextCursor: ask again from the start (or the last full page's cursor) for more.
     */
    @Operation(operationId = "getExecutionHistory", summary = "Get an execution's event history",
            description = "AWS's event types and ids, oldest first (newest first with `reverse=true`).",
            responses = @ApiResponse(responseCode = "200", description = "A page of events."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/history")
    HistoryResponse history(@PathVariable UUID id,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "false") boolean reverse, Namespace namespace) {
        var from = Cursors.historyFrom(cursor, reverse); // a malformed cursor is a 400 before any lookup
        executions.find(namespace, id).orElseThrow(() -> new NotFoundException("execution", id.toString()));
        var page = history.page(id, from, limit, reverse);
        return new HistoryResponse(page.items().stream().map(HistoryEventResponse::of).toList(),
                Cursors.history(page.next(), reverse));
    }

    /**
     * The failed state, its input, error, cause, attempts and retries. FAILED, TIMED_OUT and ABORTED
     * executions have one (for the latter two: where the execution was when it ended); a running or
     * succeeded execution is a 409.
     */
    @Operation(operationId = "getExecutionFailure", summary = "Get why an execution failed",
            description = "The failed state, its input, error, cause, attempts and retries, read from the history.",
            responses = @ApiResponse(responseCode = "200", description = "The failure."))
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.EXECUTION_NOT_FAILED})
    @GetMapping("/failure")
    FailureResponse failure(@PathVariable UUID id, Namespace namespace) {
        ExecutionRecord execution = executions.find(namespace, id)
                .orElseThrow(() -> new NotFoundException("execution", id.toString()));
        if (!execution.status().isFinished() || execution.status() == ExecutionStatus.SUCCEEDED) {
            throw new ConflictException("execution-not-failed", "Execution did not fail", "Execution " + id + " is "
                    + execution.status() + "; only a FAILED, TIMED_OUT or ABORTED execution has a failure to show.");
        }
        JsonNode definition = stateMachines
                .version(namespace, execution.stateMachineName(), execution.stateMachineVersion())
                .map(StoredStateMachine::definition).orElse(null);
        return FailureAnalysis.of(execution, history.all(id), definition);
    }
}
