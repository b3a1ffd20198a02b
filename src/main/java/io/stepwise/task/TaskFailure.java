package io.stepwise.task;

import io.stepwise.asl.Json;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fails a task with an ASL error name, which Retry and Catch match by exact string, and a cause (may
 * be {@code null}: no cause at all, as AWS distinguishes it from an empty one).
 *
 * <pre>{@code throw new TaskFailure("Payments.CardDeclined", "card ending 4242 was declined");}</pre>
 */
public class TaskFailure extends RuntimeException {

    private final String error;
    private final String errorCause;

    public TaskFailure(String error, String cause) {
        this(error, cause, null);
    }

    /** @param source the exception behind this failure, kept for logs; it is not shown to the workflow */
    public TaskFailure(String error, String cause, Throwable source) {
        super(cause == null ? error : error + ": " + cause, source);
        if (Objects.requireNonNull(error, "error").isBlank()) {
            throw new IllegalArgumentException("a task failure needs a non-blank error name");
        }
        this.error = error;
        this.errorCause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return errorCause;
    }

    /**
     * The failure an exception thrown by a handler stands for. A {@code TaskFailure} is itself; any other
     * exception is reported as AWS Lambda's Java runtime reports an unhandled one: error = the fully
     * qualified class name (so {@code "ErrorEquals": ["java.io.IOException"]} catches it), cause =
     * {@code {"errorMessage": <message or null>, "errorType": <class name>}}. Stack traces go to the log,
     * not into the execution's history.
     */
    public static TaskFailure from(Exception exception) {
        if (exception instanceof TaskFailure failure) {
            return failure;
        }
        String type = exception.getClass().getName();
        ObjectNode cause = Json.NODES.objectNode();
        cause.put("errorMessage", exception.getMessage());
        cause.put("errorType", type);
        return new TaskFailure(type, Json.write(cause), exception);
    }
}
