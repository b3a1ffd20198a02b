package io.stepwise.asl.model;

import tools.jackson.databind.JsonNode;

/**
 * What every state type shares. JSONPath path fields hold {@code "$"} when absent and {@code null} when
 * the definition set them to JSON null (which means "discard" on AWS). {@code assign} and
 * {@code output} are null when absent. {@code transition} is null for Choice, Succeed and Fail.
 * {@code readsContext} is false only when nothing in the state (nested states included) can see the
 * context object ({@link io.stepwise.asl.ContextReads}): the engine then need not build it.
 */
public record Common(
        String name,
        QueryLanguage queryLanguage,
        String comment,
        String inputPath,
        String outputPath,
        JsonNode assign,
        JsonNode output,
        Transition transition,
        boolean readsContext) {

    public boolean isJsonata() {
        return queryLanguage == QueryLanguage.JSONATA;
    }
}
