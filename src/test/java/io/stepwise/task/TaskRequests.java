package io.stepwise.task;

import io.stepwise.asl.Json;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Builds task requests for tests. */
final class TaskRequests {

    static final UUID EXECUTION = UUID.fromString("0190c1e2-7a3b-7c4d-8e5f-000000000001");

    private TaskRequests() {
    }

    static TaskRequest request(String resource, String input) {
        return request(resource, input, Heartbeat.NONE, new Cancellation());
    }

    static TaskRequest request(String resource, String input, Heartbeat heartbeat, Cancellation cancellation) {
        JsonNode context = Json.parse("{\"Execution\":{\"Id\":\"" + EXECUTION + "\"}}");
        return new TaskRequest(resource, Json.parse(input), context, IdempotencyKey.of(EXECUTION, "Work", 0),
                heartbeat, cancellation);
    }
}
