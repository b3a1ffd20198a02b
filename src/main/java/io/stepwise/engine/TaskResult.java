package io.stepwise.engine;

import tools.jackson.databind.JsonNode;

/** What a task handler (or a branch, or a Map iteration) came back with. */
public sealed interface TaskResult {

    record Success(JsonNode output) implements TaskResult {
    }

    /** {@code cause} may be null: AWS distinguishes no cause from an empty one. */
    record Failure(String error, String cause) implements TaskResult {
    }
}
