package io.stepwise.asl.model;

import tools.jackson.databind.JsonNode;

/**
 * What every state type shares. JSONPath path fields hold {@code "$"} when absent and {@code null} when
 * the definition set them to JSON null (which means "discard" on AWS). {@code assign} and
 * {@code output} are null when absent. {@code transition} is null for Choice, Succeed and Fail.
 */
public record Common(
        String name,
        QueryLanguage queryLanguage,
        String comment,
        String inputPath,
        String outputPath,
        JsonNode assign,
        JsonNode output,
        Transition transition) {

    public boolean isJsonata() {
        return queryLanguage == QueryLanguage.JSONATA;
    }
}
