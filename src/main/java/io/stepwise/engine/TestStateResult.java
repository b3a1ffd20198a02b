package io.stepwise.engine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to a TestState call, shaped like AWS's response.
 *
 * @param output         the state's output (also for CAUGHT_ERROR: the catcher's output); null when
 *                       the state failed or is to be retried
 * @param error          for FAILED, CAUGHT_ERROR and RETRIABLE
 * @param cause          may be null even with an error
 * @param nextState      the state that would run next; null when the state ends its machine or failed
 * @param inspectionData null at INFO level
 */
public record TestStateResult(Status status, JsonNode output, String error, String cause, String nextState,
        ObjectNode inspectionData) {

    public enum Status {
        SUCCEEDED,
        FAILED,
        /** A Catcher caught the error: {@code nextState} is its Next. */
        CAUGHT_ERROR,
        /** A Retrier would run the state again: inspectionData.errorDetails says which and after how long. */
        RETRIABLE
    }
}
