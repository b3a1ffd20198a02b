package io.stepwise.observability;

import io.stepwise.task.TaskFailure;
import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * {@code test:traceparent}: records the {@link TaskRequest#traceparent()} its handler was given, by
 * execution (empty: none), and returns its input; {@code test:traceparent-fail} records it too, then
 * fails with {@code Traced.Failure} (test classpath only).
 */
@Configuration(proxyBeanMethods = false)
public class TraceparentRecordingTask {

    static final Map<UUID, Optional<String>> SEEN = new ConcurrentHashMap<>();

    @Bean
    TaskHandler testTraceparent() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:traceparent", "test:traceparent-fail");
            }

            @Override
            public JsonNode handle(TaskRequest request) throws Exception {
                SEEN.put(request.idempotencyKey().executionId(), Optional.ofNullable(request.traceparent()));
                if (request.resource().endsWith("-fail")) {
                    throw new TaskFailure("Traced.Failure", "failed on purpose");
                }
                return request.input();
            }
        };
    }
}
