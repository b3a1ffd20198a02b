package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the console's graph shows for real executions: each state's status, Map counts, after a redrive. */
class ExecutionViewsTest extends IntegrationTest {

    static final String PAYMENTS = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Next": "Charge"},
              "Charge": {"Type": "Task", "Resource": "test:flaky", "Next": "Done",
                         "Retry": [{"ErrorEquals": ["Retry.Me"]}],
                         "Catch": [{"ErrorEquals": ["Other.Error"], "Next": "Refund"}]},
              "Refund": {"Type": "Pass", "End": true},
              "Done": {"Type": "Succeed"}}}""";

    @Autowired
    private ExecutionViews views;

    private Map<String, StateStatus> statuses(UUID id) {
        return views.read(id, view -> {
            Map<String, StateStatus> out = new java.util.LinkedHashMap<>();
            ExecutionPresenter.marks(view).forEach((name, mark) -> out.put(name, mark.status()));
            return out;
        });
    }

    @Test
    void aFailedTaskIsFailedAndTurnsSucceededAfterARedrive() {
        api.put("/v1/state-machines/payments", Asl.putBody(PAYMENTS));
        TestTaskHandlers.FAIL_ON.add("{\"order\":42}");
        UUID id = UUID.fromString(api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"input\": "
                + "{\"order\": 42}}").body().get("executionId").asString());

        assertThat(statuses(id)).containsExactly(Map.entry("Prepare", StateStatus.SUCCEEDED),
                Map.entry("Charge", StateStatus.FAILED), Map.entry("Refund", StateStatus.NOT_RUN),
                Map.entry("Done", StateStatus.NOT_RUN));

        TestTaskHandlers.FAIL_ON.clear();
        assertThat(api.post("/v1/executions/" + id + "/redrive", "").status()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(10), () -> api.get("/v1/executions/" + id).body().get("status")
                .asString(), "SUCCEEDED"::equals);
        Map<String, StateStatus> after = Eventually.await(Duration.ofSeconds(5), () -> statuses(id),
                s -> s.get("Done") == StateStatus.SUCCEEDED);
        assertThat(after).as(api.get("/v1/executions/" + id + "/history").raw())
                .containsEntry("Charge", StateStatus.SUCCEEDED).containsEntry("Refund", StateStatus.NOT_RUN);
    }

    @Test
    void aCaughtErrorIsCaughtAndItsHandlerRan() {
        api.put("/v1/state-machines/payments", Asl.putBody(PAYMENTS.replace("test:flaky", "stepwise:fail")));
        UUID id = UUID.fromString(api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"input\": "
                + "{\"error\": \"Other.Error\", \"cause\": \"declined\"}}").body().get("executionId").asString());

        assertThat(statuses(id)).as(api.get("/v1/executions/" + id + "/history").raw())
                .containsEntry("Charge", StateStatus.CAUGHT).containsEntry("Refund", StateStatus.SUCCEEDED)
                .containsEntry("Done", StateStatus.NOT_RUN);
    }
}
