package io.stepwise.store;

/** A redrive of an execution that is running, succeeded, or has nothing left to resume. */
public class RedriveNotAllowedException extends RuntimeException {

    public RedriveNotAllowedException(ExecutionRecord execution) {
        super("Execution '" + execution.id() + "' is " + execution.status() + "; only FAILED, TIMED_OUT and ABORTED "
                + "executions can be redriven.");
    }
}
