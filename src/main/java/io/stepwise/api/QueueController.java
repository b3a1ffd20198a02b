package io.stepwise.api;

import io.stepwise.store.NotFoundException;
import io.stepwise.store.Placement;
import io.stepwise.store.QueueView;
import io.stepwise.store.Queues;
import io.stepwise.store.Namespace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Queues")
@RestController
@RequestMapping("/v1/queues")
class QueueController {

    /** Large enough for any real limit, small enough that the token arithmetic stays exact. */
    static final int MAX_LIMIT = 1_000_000;

    private final Queues queues;

    QueueController(Queues queues) {
        this.queues = queues;
    }

    /** At most {@code limit} steps claimed per {@code periodSeconds}, across all replicas. */
    record RateLimitBody(@NotNull @Min(1) @Max(MAX_LIMIT) Integer limit,
            @NotNull @Min(1) @Max(86_400) Integer periodSeconds) {
    }

    /**
     * A queue's settings, replacing the previous ones: an absent {@code concurrency} or {@code rateLimit}
     * means no such limit; an absent {@code paused} leaves the queue paused or running as it is.
     */
    @Schema(example = ApiExamples.PUT_QUEUE)
    record PutQueueRequest(@Min(1) @Max(MAX_LIMIT) Integer concurrency, @Valid RateLimitBody rateLimit,
            Boolean paused) {
    }

    /** Steps available (due now), running, scheduled (due later), retrying (in a retry's backoff); failed executions in the last hour. */
    record CountsBody(long available, long running, long scheduled, long retrying, long failedLastHour) {
    }

    @Schema(example = ApiExamples.QUEUE)
    record QueueResponse(String name, Integer concurrency, RateLimitBody rateLimit, boolean paused, Instant updatedAt,
            CountsBody counts) {

        static QueueResponse of(QueueView q) {
            var c = q.counts();
            return new QueueResponse(q.name(), q.concurrency(), q.rateLimit() == null ? null
                    : new RateLimitBody(q.rateLimit().limit(), q.rateLimit().periodSeconds()), q.paused(),
                    q.updatedAt(), new CountsBody(c.available(), c.running(), c.scheduled(), c.retrying(),
                            c.failedLastHour()));
        }
    }

    /** Every queue with settings, steps, or failures in the last hour, by name. */
    @Schema(example = ApiExamples.QUEUE_LIST)
    record QueueList(List<QueueResponse> items) {
    }

    @Operation(operationId = "putQueue", summary = "Set a queue's limits",
            description = "Concurrency (running steps at most) and rate (claims per period) hold across all"
                    + " replicas. Absent limits are removed; an absent `paused` keeps the queue as it is.",
            responses = @ApiResponse(responseCode = "200", description = "The queue with its new settings."))
    @PutMapping("/{name}")
    QueueResponse put(@PathVariable @Pattern(regexp = Placement.QUEUE_PATTERN,
            message = ExecutionController.QUEUE_MESSAGE) String name, @Valid @RequestBody PutQueueRequest request,
            Namespace namespace) {
        var rate = request.rateLimit() == null ? null
                : new QueueView.RateLimit(request.rateLimit().limit(), request.rateLimit().periodSeconds());
        return QueueResponse.of(queues.put(Placement.queueKey(namespace, name),
                new Queues.Settings(request.concurrency(), rate, request.paused())).named(name));
    }

    @Operation(operationId = "listQueues", summary = "List queues with their limits and counts",
            responses = @ApiResponse(responseCode = "200", description = "The queues, by name."))
    @GetMapping
    QueueList list(Namespace namespace) {
        return new QueueList(queues.list().stream().filter(q -> Placement.inNamespace(q.name(), namespace))
                .map(q -> QueueResponse.of(q.named(Placement.queueName(q.name())))).toList());
    }

    @Operation(operationId = "getQueue", summary = "Get a queue's limits and counts",
            responses = @ApiResponse(responseCode = "200", description = "The queue."))
    @ProblemResponses(ProblemType.NOT_FOUND)
    @GetMapping("/{name}")
    QueueResponse get(@PathVariable @Pattern(regexp = Placement.QUEUE_PATTERN,
            message = ExecutionController.QUEUE_MESSAGE) String name, Namespace namespace) {
        return QueueResponse.of(queues.find(Placement.queueKey(namespace, name))
                .orElseThrow(() -> new NotFoundException("queue", name)).named(name));
    }

    @Operation(operationId = "pauseQueue", summary = "Pause a queue",
            description = "No replica claims its steps until it is resumed; running steps finish.",
            responses = @ApiResponse(responseCode = "200", description = "The paused queue."))
    @PostMapping("/{name}/pause")
    QueueResponse pause(@PathVariable @Pattern(regexp = Placement.QUEUE_PATTERN,
            message = ExecutionController.QUEUE_MESSAGE) String name, Namespace namespace) {
        return QueueResponse.of(queues.pause(Placement.queueKey(namespace, name)).named(name));
    }

    @Operation(operationId = "resumeQueue", summary = "Resume a paused queue",
            responses = @ApiResponse(responseCode = "200", description = "The running queue."))
    @PostMapping("/{name}/resume")
    QueueResponse resume(@PathVariable @Pattern(regexp = Placement.QUEUE_PATTERN,
            message = ExecutionController.QUEUE_MESSAGE) String name, Namespace namespace) {
        return QueueResponse.of(queues.resume(Placement.queueKey(namespace, name)).named(name));
    }
}
