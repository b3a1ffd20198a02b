package io.stepwise.task;

/**
 * A handler calls {@link #beat()} to say it is still working. The worker then extends the step's lease
 * (so no other replica rescues a long task) and, for a state with {@code HeartbeatSeconds}, restarts
 * its heartbeat timer. It is cheap to call often: the worker decides how often to write.
 *
 * <p>{@code beat()} may throw {@link TaskCancelledException} when the run was cancelled meanwhile,
 * which stops a handler that beats but never looks at its cancellation.
 */
@FunctionalInterface
public interface Heartbeat {

    /** For callers with no lease to extend, such as unit tests. */
    Heartbeat NONE = () -> {
    };

    void beat();
}
