package io.stepwise.support;

import io.stepwise.asl.Json;
import io.stepwise.task.TaskFailure;
import io.stepwise.task.TaskHandler;
import io.stepwise.task.TaskRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * Task handlers for engine tests (component-scanned from the test classpath only):
 * {@code test:block} blocks without heartbeats until cancelled; {@code test:count} counts runs per
 * idempotency key and returns its input; {@code test:flaky} does the same but fails on the inputs in
 * {@link #FAIL_ON}; {@code test:gate} returns its input once {@link #GATE} lets it.
 */
@Configuration(proxyBeanMethods = false)
public class TestTaskHandlers {

    /** Runs of test:count by idempotency key; tests clear it. */
    public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    /** What test:block did for one execution: started, and ended (cancelled). Per execution, so a
     * handler left over from another test (or run by another test context) cannot trip them. */
    public record Block(CountDownLatch started, CountDownLatch ended, AtomicReference<String> owner) {
    }

    private static final Map<UUID, Block> BLOCKS = new ConcurrentHashMap<>();

    public static Block block(UUID executionId) {
        return BLOCKS.computeIfAbsent(executionId,
                id -> new Block(new CountDownLatch(1), new CountDownLatch(1), new AtomicReference<>()));
    }

    @Bean
    TaskHandler testBlock() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:block");
            }

            @Override
            public JsonNode handle(TaskRequest request) throws Exception {
                Block block = block(request.idempotencyKey().executionId());
                block.started().countDown();
                try {
                    while (!request.cancellation().await(Duration.ofMinutes(5))) {
                        // no heartbeat on purpose
                    }
                    return Json.NODES.objectNode();
                } finally {
                    // cancel() may wake the wait normally or by interrupting it
                    block.ended().countDown();
                }
            }
        };
    }

    /** What test:hand-off was given: the task token from its context object, and its input. */
    public record HandOff(String token, JsonNode input) {
    }

    private static final Map<UUID, java.util.concurrent.BlockingQueue<HandOff>> HANDED_OFF = new ConcurrentHashMap<>();

    /** The hand-offs of one execution, in the order test:hand-off ran (a re-run of an attempt too). */
    public static java.util.concurrent.BlockingQueue<HandOff> handedOff(UUID executionId) {
        return HANDED_OFF.computeIfAbsent(executionId, id -> new java.util.concurrent.LinkedBlockingQueue<>());
    }

    /**
     * test:hand-off passes its task on, as a queue or mail integration would: it records the
     * {@code $$.Task.Token} it was given and returns at once (used as {@code test:hand-off.waitForTaskToken}).
     */
    @Bean
    TaskHandler testHandOff() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:hand-off");
            }

            @Override
            public JsonNode handle(TaskRequest request) {
                handedOff(request.idempotencyKey().executionId())
                        .add(new HandOff(request.context().path("Task").path("Token").asString(), request.input()));
                return Json.NODES.objectNode().put("sent", true);
            }
        };
    }

    /**
     * Runs of test:gate let through: the handler returns its input once it takes a permit (or its task is
     * cancelled), so a test can watch a Map's iterations finish a few at a time.
     */
    public static final java.util.concurrent.Semaphore GATE = new java.util.concurrent.Semaphore(0);

    @Bean
    TaskHandler testGate() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:gate");
            }

            @Override
            public JsonNode handle(TaskRequest request) throws Exception {
                while (!GATE.tryAcquire(50, java.util.concurrent.TimeUnit.MILLISECONDS)
                        && !request.cancellation().isCancelled()) {
                    // waits for the test, or for a stop
                }
                return request.input();
            }
        };
    }

    /** Forgets what earlier tests set and counted (IntegrationTest does it before each test). */
    public static void reset() {
        FAIL_ON.clear();
        RUNS.clear();
    }

    /** Inputs test:flaky fails on (with error Flaky.Error); tests fill and clear it. */
    public static final Set<String> FAIL_ON = ConcurrentHashMap.newKeySet();

    @Bean
    TaskHandler testFlaky() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:flaky");
            }

            @Override
            public JsonNode handle(TaskRequest request) {
                RUNS.computeIfAbsent(request.idempotencyKey().toString(), k -> new AtomicInteger()).incrementAndGet();
                if (FAIL_ON.contains(request.input().toString())) {
                    throw new TaskFailure("Flaky.Error", "failed on " + request.input());
                }
                return request.input();
            }
        };
    }

    @Bean
    TaskHandler testCount() {
        return new TaskHandler() {
            @Override
            public Set<String> resources() {
                return Set.of("test:count");
            }

            @Override
            public JsonNode handle(TaskRequest request) {
                RUNS.computeIfAbsent(request.idempotencyKey().toString(), k -> new AtomicInteger()).incrementAndGet();
                return request.input();
            }
        };
    }
}
