package io.stepwise.asl.jsonpath;

import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a path can start from: {@code $} reads the data (usually the state input), {@code $$} the
 * context object, and {@code $name} the workflow variable {@code name}.
 *
 * <p>Null arguments become an empty context object and no variables, so callers that have neither
 * (a payload template applied to a task result, say) can pass {@code null}.
 */
public record PathRoots(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {

    public PathRoots {
        Objects.requireNonNull(input, "input");
        context = context == null ? JsonNodeFactory.instance.objectNode() : context;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static PathRoots of(JsonNode input) {
        return new PathRoots(input, null, null);
    }

    /** The same context and variables, with other data behind {@code $} (a result, an item). */
    public PathRoots withInput(JsonNode newInput) {
        return new PathRoots(newInput, context, variables);
    }
}
