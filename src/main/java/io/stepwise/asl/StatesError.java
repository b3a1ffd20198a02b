package io.stepwise.asl;

/**
 * A failure the way ASL names it: an error name that Retry and Catch match ({@code States.Runtime},
 * {@code States.TaskFailed}, or a handler's own name) and a human-readable cause.
 *
 * <p>Everything in the language that can fail at run time throws this one type, so the interpreter
 * has a single place where errors become Retry/Catch decisions. A {@code null} cause means "no cause",
 * which AWS distinguishes from an empty one (a Fail state without Cause has no cause at all).
 */
public class StatesError extends RuntimeException {

    private final String error;
    private final String errorCause;

    public StatesError(String error, String cause) {
        super(cause == null ? error : error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return errorCause;
    }

    public static StatesError runtime(String cause) {
        return new StatesError(ErrorNames.RUNTIME, cause);
    }
}
