package io.stepwise.store;

import io.stepwise.asl.Json;
import tools.jackson.databind.JsonNode;

/**
 * A JSON value already written as text. Completions carry their payloads in this form, so each
 * worker thread serialises its own results and the one thread that commits a batch only binds strings.
 */
public record JsonText(String json) {

    /** @return null for null, so optional columns stay NULL */
    public static JsonText of(JsonNode node) {
        return node == null ? null : new JsonText(Json.write(node));
    }
}
