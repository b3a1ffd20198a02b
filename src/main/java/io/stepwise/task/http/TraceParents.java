package io.stepwise.task.http;

import io.stepwise.task.TaskRequest;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Where an HTTP task finds the W3C {@code traceparent} it forwards, so the called API joins the trace.
 * The default reads the task's context ({@code $$.Execution.TraceParent}, should the engine put one
 * there) and else the MDC key {@code traceparent}. Nothing sets either yet: when tracing arrives, it
 * declares its own {@code TraceParents} bean, which replaces this one.
 */
@FunctionalInterface
public interface TraceParents {

    Optional<String> traceparent(TaskRequest request);

    static TraceParents fromContextOrMdc() {
        return request -> {
            String fromContext = request.context().path("Execution").path("TraceParent").asString(null);
            return Optional.ofNullable(fromContext != null ? fromContext : MDC.get("traceparent"))
                    .filter(value -> !value.isBlank());
        };
    }
}
