package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.ClaimedStep;
import io.stepwise.store.Placement;
import io.stepwise.store.StepKind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InFlightStepsTest {

    static ClaimedStep run(long id, UUID executionId, int attempt) {
        return new ClaimedStep(id, executionId, null, null, StepKind.ENTER, "S", null, null, attempt,
                UUID.randomUUID(), new ClaimedStep.ExecutionInfo("n", "m", 1, null, Instant.now(), 0, null), Instant.now(),
                Placement.DEFAULT);
    }

    /** A step claimed again before its previous run's worker released it keeps its new registration. */
    @Test
    void releasingAFinishedRunKeepsTheNextRunOfTheSameStep() {
        InFlightSteps inFlight = new InFlightSteps();
        UUID execution = UUID.randomUUID();
        ClaimedStep firstRun = run(7, execution, 1);
        ClaimedStep secondRun = run(7, execution, 2);
        inFlight.register(firstRun);
        inFlight.register(secondRun);
        inFlight.release(firstRun);
        assertThat(inFlight.ids()).containsExactly(7L);
        inFlight.release(secondRun);
        assertThat(inFlight.ids()).isEmpty();
    }
}
