package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What children's ends ask of their parent, one at a time or a batch together. */
class FanInTest {

    static Outcome.FanOut fanOut(int children, Outcome.Tolerance tolerance) {
        return new Outcome.FanOut("Each", Json.NODES.arrayNode(),
                Collections.nCopies(children, new Outcome.Child(0, Json.NODES.nullNode(), null)), 0, tolerance,
                null, null, Instant.EPOCH, 1, Map.of());
    }

    @Test
    void successesNeverAskForTheFanOutAndJoinWhenNothingIsPending() {
        assertThat(FanIn.afterChildren(0, 0, 3, () -> {
            throw new AssertionError("read the checkpoint although nothing failed");
        })).isEqualTo(FanIn.AfterChild.START_NEXT);
        assertThatThrownBy(() -> FanIn.afterChildren(1, 1, 3, () -> {
            throw new IllegalStateException("asked");
        })).hasMessage("asked");
        assertThat(FanIn.afterChildren(0, 2, 0, () -> null)).isEqualTo(FanIn.AfterChild.JOIN);
    }

    @Test
    void aBatchDecidesAsItsLastChildWouldHaveOneByOne() {
        var upToTwo = fanOut(10, new Outcome.Tolerance(2, null));
        // three failures in one batch: one by one, the third would have exceeded the tolerance
        assertThat(FanIn.afterChildren(3, 3, 4, () -> upToTwo)).isEqualTo(FanIn.AfterChild.JOIN_CANCELLING_THE_REST);
        assertThat(FanIn.afterChildren(2, 2, 4, () -> upToTwo)).isEqualTo(FanIn.AfterChild.START_NEXT);
        assertThat(FanIn.afterChildren(1, 2, 0, () -> upToTwo)).isEqualTo(FanIn.AfterChild.JOIN);
        // without a tolerance any failure ends the fan-out, even the last child's
        var strict = fanOut(4, Outcome.Tolerance.NONE);
        assertThat(FanIn.afterChildren(1, 1, 0, () -> strict)).isEqualTo(FanIn.AfterChild.JOIN_CANCELLING_THE_REST);
    }

    @Test
    void childrenBeyondMaxConcurrencyStartBlocked() {
        assertThat(List.of(0, 1, 2).stream().map(i -> FanIn.startStatus(i, 2)).toList())
                .containsExactly(StepStatus.READY, StepStatus.READY, StepStatus.BLOCKED);
        assertThat(FanIn.startStatus(5_000, 0)).isEqualTo(StepStatus.READY);
    }
}
