package io.stepwise.console;

import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * {@code test:gate} returns its input once the test lets one run through {@link #GATE} (or its task
 * is cancelled), so a browser test can watch a Map's iterations finish a few at a time.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleTestHandlers {

    public static final Semaphore GATE = new Semaphore(0);

    @Bean
    TaskHandler testGate() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:gate");
            }

            @Override
            public JsonNode handle(TaskRequest request) throws Exception {
                while (!GATE.tryAcquire(50, TimeUnit.MILLISECONDS) && !request.cancellation().isCancelled()) {
                    // waits for the test, or for a stop
                }
                return request.input();
            }
        };
    }
}
