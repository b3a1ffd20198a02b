package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A worker claims a step up to {@code stepwise.worker.timer-lookahead} (50 ms) before it falls due, so
 * a Wait does not also wait for the poller's wake-up and claim; the step must still start at its due
 * time, never before. Each execution waits until a different instant (spread over 200 ms, so they
 * fall due while others are claimed early and parked) and then records when its next state was entered.
 */
class TimersNeverEarlyTest extends IntegrationTest {

    private static final int EXECUTIONS = 25;

    @Autowired
    private MeterRegistry registry;

    private long waitPickups() {
        return registry.get("stepwise.step.pickup.latency").tag("kind", "wait").timer().count();
    }

    @Test
    void aStepClaimedAheadOfItsDueTimeStartsAtItNotBefore() {
        long pickupsBefore = waitPickups();
        assertThat(api.put("/v1/state-machines/alarm", """
                {"definition": {"StartAt": "Nap", "States": {
                  "Nap": {"Type": "Wait", "TimestampPath": "$.until", "Next": "Woke"},
                  "Woke": {"Type": "Pass", "Parameters": {"until.$": "$.until", "woke.$": "$$.State.EnteredTime"},
                           "End": true}}}}""").status()).isEqualTo(201);
        Instant first = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            Instant until = first.plusMillis(8L * i);
            var started = api.post("/v1/executions", "{\"stateMachine\": \"alarm\", \"input\": {\"until\": \"" + until + "\"}}");
            assertThat(started.status()).isEqualTo(201);
            ids.add(started.body().get("executionId").asString());
        }
        for (String id : ids) {
            JsonNode output = Eventually.await(Duration.ofSeconds(30), () -> api.get("/v1/executions/" + id).body(),
                    execution -> execution.get("status").asString().equals("SUCCEEDED")).get("output");
            Instant until = Instant.parse(output.get("until").asString());
            Instant woke = Instant.parse(output.get("woke").asString());
            assertThat(woke).as("execution %s woke before its Wait's timestamp", id).isAfterOrEqualTo(until);
        }
        // each Wait's pickup measured once, whether it was claimed ahead (when it started) or when due (at the claim)
        assertThat(waitPickups() - pickupsBefore).isEqualTo(EXECUTIONS);
    }
}
