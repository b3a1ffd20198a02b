package io.stepwise.asl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Task: hands work to a resource. Timeouts may be numbers, JSONPath paths ({@code *Path} fields) or
 * JSONata expressions; they are resolved against the state input when the task is scheduled.
 */
public record TaskState(
        Common common,
        String resource,
        JsonNode parameters,
        JsonNode resultSelector,
        String resultPath,
        JsonNode timeoutSeconds,
        String timeoutSecondsPath,
        JsonNode heartbeatSeconds,
        String heartbeatSecondsPath,
        JsonNode credentials,
        List<Retrier> retry,
        List<Catcher> catchers) implements Recoverable {

    @Override
    public String type() {
        return StateType.TASK.aslName();
    }
}
