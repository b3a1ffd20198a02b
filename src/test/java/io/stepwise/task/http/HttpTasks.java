package io.stepwise.task.http;

import io.stepwise.asl.Json;
import io.stepwise.task.Cancellation;
import io.stepwise.task.Heartbeat;
import io.stepwise.task.IdempotencyKey;
import io.stepwise.task.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.util.unit.DataSize;

/** Builds HTTP task handlers and requests for tests, wired as the application wires them. */
final class HttpTasks {

    private HttpTasks() {
    }

    static HttpTaskProperties properties(List<String> allowedHosts, Map<String, HttpConnectionProperties> connections) {
        return new HttpTaskProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), DataSize.ofKilobytes(64), 16,
                allowedHosts, connections);
    }

    static HttpInvokeTask handler(HttpTaskProperties properties, Clock clock) {
        var client = new HttpTaskConfiguration().stepwiseHttpTaskClient(properties);
        return new HttpInvokeTask(client, new HttpConnections(properties, client, clock), properties);
    }

    static TaskRequest request(String parameters) {
        return request(parameters, null);
    }

    static TaskRequest request(String parameters, Duration stateTimeout) {
        UUID execution = UUID.fromString("0190c1e2-7a3b-7c4d-8e5f-000000000001");
        return new TaskRequest(HttpInvokeTask.AWS_RESOURCE, Json.parse(parameters),
                Json.parse("{\"Execution\":{\"Id\":\"" + execution + "\"}}"), IdempotencyKey.of(execution, "Call", 0),
                Heartbeat.NONE, new Cancellation(), stateTimeout, null);
    }
}
