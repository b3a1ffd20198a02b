package io.stepwise.asl.choice;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Looks up a Choice rule's reference path ({@code $.field}, {@code $$.Execution.Id},
 * {@code $variable}) in the state's input, context and variables. Empty means the path matches
 * nothing, which a comparison reports as {@code States.Runtime} (only {@code IsPresent} asks).
 */
@FunctionalInterface
public interface PathResolver {

    Optional<JsonNode> resolve(String path);
}
