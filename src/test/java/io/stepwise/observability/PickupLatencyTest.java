package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.Placement;
import io.stepwise.store.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code stepwise.step.pickup.latency} measures from a step's due time to the moment it is picked up.
 * A step claimed ahead of its due time (the timer lookahead) is picked up when its parked thread starts
 * it, not when the claim returned: recorded at the claim it would always read 0, however late the step
 * then started.
 */
class PickupLatencyTest {

    private static final Instant CLAIMED = Instant.parse("2026-12-07T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepwiseMeters meters = new StepwiseMeters(registry,
            new MetricsProperties(200, 200, 100, 64, Duration.ofSeconds(5), Duration.ofSeconds(1)), new PollerStatus());

    private static ClaimedStep waitDueAt(Instant runAt) {
        return new ClaimedStep(1, UUID.randomUUID(), null, null, StepKind.WAIT, "Nap", null, null, 1, UUID.randomUUID(),
                new ClaimedStep.ExecutionInfo("n", "m", 1, null, CLAIMED, 0, null), runAt, Placement.DEFAULT);
    }

    private Timer waits() {
        return registry.get("stepwise.step.pickup.latency").tag("kind", "wait").timer();
    }

    @Test
    void aStepDueWhenClaimedIsMeasuredAtTheClaim() {
        meters.stepsClaimed(10, List.of(waitDueAt(CLAIMED.minusMillis(30))), 1_000, CLAIMED);
        assertThat(waits().count()).isEqualTo(1);
        assertThat(waits().max(TimeUnit.MILLISECONDS)).isEqualTo(30);
    }

    @Test
    void aStepClaimedAheadIsMeasuredWhenItStartsAndOnlyThen() {
        ClaimedStep early = waitDueAt(CLAIMED.plusMillis(40));
        meters.stepsClaimed(10, List.of(early), 1_000, CLAIMED);
        assertThat(waits().count()).isZero();
        meters.stepDue(early, CLAIMED.plusMillis(52)); // its thread woke 12 ms after the due time
        assertThat(waits().count()).isEqualTo(1);
        assertThat(waits().max(TimeUnit.MILLISECONDS)).isEqualTo(12);
    }
}
