package io.stepwise.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One stored version of a state machine. */
public record StoredStateMachine(String name, int version, JsonNode definition, String description, Instant createdAt) {
}
