package io.stepwise.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One stored version of a state machine.
 *
 * @param definition the definition, parsed with its keys in written order
 * @param definitionText the definition exactly as it was stored (see {@link StateMachines#register})
 */
public record StoredStateMachine(String name, int version, JsonNode definition, String definitionText,
        String description, Instant createdAt) {
}
