package io.stepwise.task;

import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code stepwise:sleep}: input {@code {"millis": n}}, waits n milliseconds and returns its input. It
 * stops at once when the run is cancelled, and beats its heartbeat at least every second so a long
 * sleep keeps its lease. Meant for demos and tests: a sleeping task holds a worker slot, so prefer a
 * Wait state to wait in a workflow.
 */
@Component
class SleepTask implements TaskHandler {

    static final String RESOURCE = "stepwise:sleep";
    /** ASL's own limit for a Wait state; a longer sleep is surely a mistake. */
    static final long MAX_MILLIS = Duration.ofDays(365).toMillis();

    private final Duration heartbeatEvery;

    SleepTask() {
        this(Duration.ofSeconds(1));
    }

    SleepTask(Duration heartbeatEvery) {
        this.heartbeatEvery = heartbeatEvery;
    }

    @Override
    public Set<String> resources() {
        return Set.of(RESOURCE);
    }

    @Override
    public JsonNode handle(TaskRequest request) throws InterruptedException {
        long millis = millis(request);
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            if (request.cancellation().await(Duration.ofNanos(Math.min(remaining, heartbeatEvery.toNanos())))) {
                throw new TaskCancelledException();
            }
            request.heartbeat().beat();
        }
        return request.input();
    }

    private static long millis(TaskRequest request) {
        JsonNode millis = BuiltinInput.field(request, "millis");
        if (millis == null || !millis.isIntegralNumber() || !millis.canConvertToLong()
                || millis.longValue() < 0 || millis.longValue() > MAX_MILLIS) {
            throw BuiltinInput.invalid(request, "\"millis\" must be a whole number from 0 to " + MAX_MILLIS + ", was "
                    + millis);
        }
        return millis.longValue();
    }
}
