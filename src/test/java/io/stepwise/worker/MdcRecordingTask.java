package io.stepwise.worker;

import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** {@code test:mdc}: records the logging MDC its handler saw, by execution (test classpath only). */
@Configuration(proxyBeanMethods = false)
public class MdcRecordingTask {

    static final Map<UUID, Map<String, String>> SEEN = new ConcurrentHashMap<>();

    @Bean
    TaskHandler testMdc() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:mdc");
            }

            @Override
            public JsonNode handle(TaskRequest request) {
                SEEN.put(request.idempotencyKey().executionId(), Map.copyOf(MDC.getCopyOfContextMap()));
                return request.input();
            }
        };
    }
}
