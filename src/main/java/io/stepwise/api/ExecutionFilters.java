package io.stepwise.api;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionFilter;
import io.stepwise.store.Namespace;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The execution listing's filters as query parameters give them, checked: the REST listing and the
 * console's executions page read them here, so both refuse the same values with the same problem.
 */
public final class ExecutionFilters {

    private ExecutionFilters() {
    }

    /**
     * @throws InvalidParameterException naming {@code status}, {@code startedAfter} or {@code startedBefore}
     */
    public static ExecutionFilter of(Namespace namespace, String stateMachine, String status, String startedAfter,
            String startedBefore) {
        return new ExecutionFilter(stateMachine, status(status), instant("startedAfter", startedAfter),
                instant("startedBefore", startedBefore), namespace);
    }

    /** {@link #of(Namespace, String, String, String, String)} in the default namespace. */
    public static ExecutionFilter of(String stateMachine, String status, String startedAfter, String startedBefore) {
        return of(Namespace.DEFAULT, stateMachine, status, startedAfter, startedBefore);
    }

    private static ExecutionStatus status(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ExecutionStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "'" + text + "' is not an execution status. Use one of "
                    + Arrays.stream(ExecutionStatus.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    static Instant instant(String parameter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, "'" + text + "' is not an ISO-8601 date-time with an offset,"
                    + " such as 2025-01-15T10:30:00Z.");
        }
    }
}
