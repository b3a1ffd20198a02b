package io.stepwise.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.WorkTracer;

/**
 * Tracing on: OpenTelemetry spans through the SDK Spring Boot configures (sampling, OTLP export). An
 * execution's trace context is its starter's current span (an HTTP request's server span, itself a
 * child of the request's {@code traceparent} header), else a new root span; each step run is a span
 * named after the state it starts at, a child of that stored context, so the spans of one execution
 * form one trace across replicas. The sampling decision travels in the stored flags: a trace is
 * recorded whole or not at all.
 */
final class StepTracing implements WorkTracer {

    static final String EXECUTION_ID = "executionId";
    static final String STATE_MACHINE = "stateMachine";
    static final String STATE = "state";
    static final String STEP_KIND = "stepKind";
    static final String ERROR = "error";
    static final String CAUSE = "cause";
    static final String START_SPAN = "start execution";

    private final Tracer tracer;

    StepTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String executionTraceparent(String stateMachine) {
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            return Traceparents.format(current);
        }
        // started outside any trace (the Java API, a schedule): the execution's trace gets a root of its own
        Span root = tracer.spanBuilder(START_SPAN).setNoParent().setAttribute(STATE_MACHINE, stateMachine).startSpan();
        root.end();
        return Traceparents.format(root.getSpanContext());
    }

    @Override
    public StepSpan stepStarted(ClaimedStep step) {
        SpanBuilder builder = tracer.spanBuilder(step.stateName())
                .setAttribute(EXECUTION_ID, step.executionId().toString())
                .setAttribute(STATE_MACHINE, step.execution().stateMachineName())
                .setAttribute(STATE, step.stateName())
                .setAttribute(STEP_KIND, step.kind().name());
        SpanContext parent = Traceparents.parse(step.execution().traceparent());
        // an execution started while tracing was off has no stored context: its step runs are roots
        Span span = (parent == null ? builder.setNoParent() : builder.setParent(Context.root().with(Span.wrap(parent))))
                .startSpan();
        return new Running(span, span.makeCurrent());
    }

    /** Current on the step's thread while it runs, so instrumented clients used by handlers continue it. */
    private record Running(Span span, Scope scope) implements StepSpan {

        @Override
        public String traceparent() {
            return Traceparents.format(span.getSpanContext());
        }

        @Override
        public void failed(String error, String cause) {
            span.setStatus(StatusCode.ERROR, error);
            span.addEvent("failed", Attributes.of(AttributeKey.stringKey(ERROR), error, AttributeKey.stringKey(CAUSE),
                    cause == null ? "" : cause));
        }

        @Override
        public void crashed(Throwable e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
