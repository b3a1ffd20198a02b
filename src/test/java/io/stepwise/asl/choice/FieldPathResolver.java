package io.stepwise.asl.choice;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A test stand-in for the JSONPath evaluator: {@code $}, {@code $.a.b} field chains over the input
 * and {@code $$.a.b} over the context object.
 */
record FieldPathResolver(JsonNode input, JsonNode context) implements PathResolver {

    @Override
    public Optional<JsonNode> resolve(String path) {
        if (path.startsWith("$$")) {
            return fields(context, path.substring(2));
        }
        if (path.startsWith("$")) {
            return fields(input, path.substring(1));
        }
        throw new IllegalArgumentException("not a path: " + path);
    }

    private static Optional<JsonNode> fields(JsonNode root, String chain) {
        JsonNode current = root;
        for (String field : chain.split("\\.")) {
            if (field.isEmpty()) {
                continue;
            }
            if (current == null || !current.isObject() || !current.has(field)) {
                return Optional.empty();
            }
            current = current.get(field);
        }
        return Optional.ofNullable(current);
    }
}
