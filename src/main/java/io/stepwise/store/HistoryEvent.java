package io.stepwise.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One execution history event with the id it gets when history is read.
 *
 * @param previousEventId {@code id - 1}: AWS names the causal predecessor instead, which differs from
 *                        this for events inside Parallel branches and Map iterations
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, JsonNode details) {
}
