package io.stepwise.worker;

import io.stepwise.asl.Json;
import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * {@code test:probe}, for replicas started with this configuration: records each run's entry (when,
 * on which replica, with which priority) under the queue named in its input ({@code {"q": ..., "p": ...,
 * "ms": ...}}), and how many runs of that queue were inside a handler at once, across all replicas of
 * the JVM (the high-water mark). A run lasts {@code ms} milliseconds of work.
 */
@Configuration(proxyBeanMethods = false)
class QueueProbe {

    /** One run's entry. */
    record Entry(long nanos, String replica, int priority) {
    }

    static final Map<String, List<Entry>> ENTRIES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> HIGH_WATER = new ConcurrentHashMap<>();

    static List<Entry> entries(String queue) {
        return ENTRIES.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>());
    }

    static int highWater(String queue) {
        return HIGH_WATER.computeIfAbsent(queue, q -> new AtomicInteger()).get();
    }

    static void reset() {
        ENTRIES.clear();
        IN_FLIGHT.clear();
        HIGH_WATER.clear();
    }

    @Bean
    TaskHandler testProbe(Environment environment) {
        String replica = environment.getProperty("queue-probe.replica", "?");
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:probe");
            }

            @Override
            public JsonNode handle(TaskRequest request) throws Exception {
                String queue = request.input().path("q").asString();
                int now = IN_FLIGHT.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
                HIGH_WATER.computeIfAbsent(queue, q -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                entries(queue).add(new Entry(System.nanoTime(), replica, request.input().path("p").asInt()));
                try {
                    // the run's work: a wait that only a cancellation cuts short
                    request.cancellation().await(Duration.ofMillis(request.input().path("ms").asInt()));
                    return Json.NODES.objectNode();
                } finally {
                    IN_FLIGHT.get(queue).decrementAndGet();
                }
            }
        };
    }
}
