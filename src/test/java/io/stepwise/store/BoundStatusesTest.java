package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.StepStatus;
import org.junit.jupiter.api.Test;

class BoundStatusesTest {

    @Test
    void aListedStatusIsBoundByName() {
        assertThat(BoundStatuses.bind("StepRevive", StepStatus.BLOCKED)).isEqualTo("BLOCKED");
    }

    @Test
    void aStatusTheStatementMayNotSetIsRefusedBeforeItReachesTheDatabase() {
        assertThatThrownBy(() -> BoundStatuses.bind("StepRevive", StepStatus.RUNNING))
                .hasMessageStartingWith("StepRevive may not set status RUNNING");
        // same name, other table: an execution's FAILED is no step status
        assertThatThrownBy(() -> BoundStatuses.bind("StepFinishChildrenLeased", ExecutionStatus.FAILED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoundStatuses.bind("StepClaimReady", StepStatus.RUNNING))
                .hasMessageContaining("no bound status");
    }
}
