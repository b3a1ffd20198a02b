package io.stepwise.task;

import tools.jackson.databind.JsonNode;

/** Reading the built-ins' inputs; a bad input fails the task with {@link #INVALID_INPUT}, which Catch can match. */
public final class BuiltinInput {

    public static final String INVALID_INPUT = "Stepwise.InvalidInput";

    private BuiltinInput() {
    }

    public static JsonNode field(TaskRequest request, String name) {
        JsonNode input = request.input();
        if (!input.isObject()) {
            throw invalid(request, "the input must be a JSON object, was " + input.getNodeType());
        }
        return input.get(name);
    }

    public static TaskFailure invalid(TaskRequest request, String problem) {
        return new TaskFailure(INVALID_INPUT, request.resource() + ": " + problem);
    }
}
