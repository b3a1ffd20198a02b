package io.stepwise.asl.jsonpath;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The outcome of evaluating a path. A definite path either finds one value or misses, and a miss
 * carries the reason in the wording AWS uses (Jayway JsonPath's), for example
 * {@code No results for path: $['a']} or {@code Missing property in path $['a']}. An indefinite
 * path always finds: an array of its matches, possibly empty.
 */
public sealed interface PathResult {

    record Found(JsonNode value) implements PathResult {
    }

    record Missing(String reason) implements PathResult {
    }

    default Optional<JsonNode> found() {
        return this instanceof Found found ? Optional.of(found.value()) : Optional.empty();
    }
}
