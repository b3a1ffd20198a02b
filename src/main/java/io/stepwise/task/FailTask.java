package io.stepwise.task;

import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code stepwise:fail}: input {@code {"error": "...", "cause": "..."}}, fails with that error and
 * cause. {@code cause} may be absent or null (no cause); {@code error} is required.
 */
@Component
class FailTask implements TaskHandler {

    static final String RESOURCE = "stepwise:fail";

    @Override
    public Set<String> resources() {
        return Set.of(RESOURCE);
    }

    @Override
    public JsonNode handle(TaskRequest request) {
        JsonNode error = BuiltinInput.field(request, "error");
        JsonNode cause = BuiltinInput.field(request, "cause");
        if (error == null || !error.isString() || error.stringValue().isBlank()) {
            throw BuiltinInput.invalid(request, "\"error\" must be a non-blank string, was " + error);
        }
        if (cause != null && !cause.isNull() && !cause.isString()) {
            throw BuiltinInput.invalid(request, "\"cause\" must be a string or null, was " + cause);
        }
        throw new TaskFailure(error.stringValue(), cause == null || cause.isNull() ? null : cause.stringValue());
    }
}
