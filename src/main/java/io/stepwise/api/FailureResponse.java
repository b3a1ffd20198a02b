package io.stepwise.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Why an execution did not succeed, at a glance.
 *
 * @param failedState null when history names no state (an execution stopped before its first state)
 */
@Schema(example = ApiExamples.FAILURE)
public record FailureResponse(UUID executionId, String status, String error, String cause, FailedState failedState) {

    /**
     * The state the failure came from.
     *
     * @param path           the state's place in the machine: outer states first, then {@code "[i]"} for
     *                       the Parallel branch or Map iteration, down to the state itself; a Map
     *                       iteration whose index history does not reveal is {@code "[?]"}
     * @param attempts       how often the state ran in its last entry (1 + retries taken)
     * @param enteredEventId the event where the state was last entered
     * @param failedEventId  the event that records the failure (for a Fail state: its entry)
     */
    public record FailedState(String name, String type, List<String> path, JsonNode input, String error, String cause,
            int attempts, List<Retry> retries, Long enteredEventId, Long failedEventId) {
    }

    /** One failed attempt that a Retrier answered with another attempt. */
    public record Retry(int attempt, long eventId, Instant timestamp, String error, String cause) {
    }
}
