package io.stepwise.store;

/**
 * The hooks of tracing ({@code observability.StepTracing} implements them when tracing is on): a trace
 * per execution, its context stored with the execution (W3C {@code traceparent}), and a span per step
 * run continuing it on whichever replica claims the step. It lives here for the reason
 * {@link WorkObserver} does. {@link #OFF}, the default, creates nothing: no span objects, a NULL
 * column, no allocation per step.
 */
public interface WorkTracer {

    /** Tracing off: no trace context is stored and step runs open no spans. */
    WorkTracer OFF = new WorkTracer() {
    };

    /**
     * The trace context a new execution is stored with, taken on the starting caller's thread: its
     * current span (the HTTP request's), else a new root span; null when tracing is off.
     */
    default String executionTraceparent(String stateMachine) {
        return null;
    }

    /** Opens the span of one run of a claimed step, as a child of its execution's stored trace context. */
    default StepSpan stepStarted(ClaimedStep step) {
        return StepSpan.NONE;
    }

    /** The span of one step run; closing it ends it. Calls on {@link #NONE} do nothing. */
    interface StepSpan extends AutoCloseable {

        StepSpan NONE = new StepSpan() {
        };

        /** This span as a W3C {@code traceparent}, for the step's task handlers; null when tracing is off. */
        default String traceparent() {
            return null;
        }

        /** A task or the state failed with this error name (the run itself went on). */
        default void failed(String error, String cause) {
        }

        /** The run broke: it could not compute or store its outcome. */
        default void crashed(Throwable e) {
        }

        @Override
        default void close() {
        }
    }
}
