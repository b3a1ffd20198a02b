package io.stepwise.task;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One run of a Task state, as a handler sees it.
 *
 * @param resource the state's {@code Resource} string, as written in the definition
 * @param input the effective input: the state input after InputPath and Parameters (or Arguments)
 * @param context the context object ({@code $$}: Execution, State, StateMachine, Task, ...)
 * @param idempotencyKey the same for every run of this attempt, different for the next Retry attempt
 * @param heartbeat call it to say the handler is still alive (see {@link Heartbeat})
 * @param cancellation tells the handler its run was cancelled (see {@link Cancellation})
 * @param timeout the state's TimeoutSeconds, or null when it has none. The worker enforces it (it
 *     cancels the run); a handler that sets timeouts of its own, such as the HTTP task's per-request
 *     timeout, reads it through {@link #stateTimeout()}
 * @param traceparent the W3C trace context of the step run calling the handler (its span as parent),
 *     for a handler to send on as its {@code traceparent} header; null when tracing is off
 */
public record TaskRequest(
        String resource,
        JsonNode input,
        JsonNode context,
        IdempotencyKey idempotencyKey,
        Heartbeat heartbeat,
        Cancellation cancellation,
        Duration timeout,
        String traceparent) {

    /** A request for a state without TimeoutSeconds, outside any trace (tests, tools). */
    public TaskRequest(String resource, JsonNode input, JsonNode context, IdempotencyKey idempotencyKey,
            Heartbeat heartbeat, Cancellation cancellation) {
        this(resource, input, context, idempotencyKey, heartbeat, cancellation, null, null);
    }

    public TaskRequest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(input, "input (use a NullNode for JSON null)");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    public Optional<Duration> stateTimeout() {
        return Optional.ofNullable(timeout);
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }
}
