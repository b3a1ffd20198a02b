package io.stepwise.engine;

import tools.jackson.databind.JsonNode;

/** What the interpreter decided after running an execution as far as it could in-line. */
public sealed interface Decision {

    /** The machine reached its end successfully. */
    record Succeeded(JsonNode output) implements Decision {
    }

    /** The machine failed with an ASL error name and cause. */
    record Failed(String error, String cause) implements Decision {
    }
}
