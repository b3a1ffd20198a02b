package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Log lines written while a step runs (the worker's and a handler's) carry the execution's identity. */
class StepLogContextTest extends IntegrationTest {

    @Test
    void aHandlerRunsWithTheExecutionIdStateMachineAndStateInTheMdc() {
        api.put("/v1/state-machines/logged", Asl.putBody(Asl.task("test:mdc")));
        var done = api.post("/v1/executions/sync", """
                {"stateMachine": "logged", "input": {}, "timeoutSeconds": 30}""");
        assertThat(done.body().get("status").asString()).isEqualTo("SUCCEEDED");
        UUID id = UUID.fromString(done.body().get("executionId").asString());

        assertThat(MdcRecordingTask.SEEN.get(id)).containsAllEntriesOf(Map.of(
                "executionId", id.toString(), "stateMachine", "logged", "state", Asl.TASK_STATE));
    }

    @Test
    void theContextIsGoneAfterTheStep() {
        MDC.put("unrelated", "kept");
        var step = new io.stepwise.store.ClaimedStep(1, UUID.randomUUID(), null, null, io.stepwise.store.StepKind.ENTER,
                "S", null, null, 1, UUID.randomUUID(),
                new io.stepwise.store.ClaimedStep.ExecutionInfo("n", "m", 1, null, java.time.Instant.now(), 0, null), null,
                io.stepwise.store.Placement.DEFAULT);
        try (var context = StepLogContext.of(step)) {
            assertThat(MDC.get("stateMachine")).isEqualTo("m");
        }
        assertThat(MDC.get("executionId")).isNull();
        assertThat(MDC.get("state")).isNull();
        assertThat(MDC.get("unrelated")).isEqualTo("kept");
        MDC.remove("unrelated");
    }
}
