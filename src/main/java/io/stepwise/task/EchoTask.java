package io.stepwise.task;

import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code stepwise:echo}: the result is the effective input. */
@Component
class EchoTask implements TaskHandler {

    static final String RESOURCE = "stepwise:echo";

    @Override
    public Set<String> resources() {
        return Set.of(RESOURCE);
    }

    @Override
    public JsonNode handle(TaskRequest request) {
        return request.input();
    }
}
