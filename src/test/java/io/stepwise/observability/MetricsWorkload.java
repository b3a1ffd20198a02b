package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import io.stepwise.support.Asl;

/**
 * A small workload that makes every Stepwise series exist: executions that succeed and fail, a Wait,
 * a task that fails and is retried, a caught error, in-line states of several types.
 */
final class MetricsWorkload {

    static final String SUCCEEDS = "metrics-succeeds";
    static final String FAILS = "metrics-fails";

    private MetricsWorkload() {
    }

    private static void register(Api api, String name, String machine) {
        Api.Response put = api.put("/v1/state-machines/" + name, Asl.putBody(machine));
        assertThat(put.status()).as(put.raw()).isIn(200, 201);
    }

    static void run(Api api) {
        register(api, SUCCEEDS, Asl.of(
                "Start", """
                        {"Type": "Pass", "Next": "Pause"}""",
                "Pause", """
                        {"Type": "Wait", "Seconds": 1, "Next": "Flaky"}""",
                "Flaky", """
                        {"Type": "Task", "Resource": "stepwise:fail",
                         "Parameters": {"error": "Demo.Flaky", "cause": "always"},
                         "Retry": [{"ErrorEquals": ["Demo.Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Echo"}], "Next": "Echo"}""",
                "Echo", """
                        {"Type": "Task", "Resource": "stepwise:echo", "Next": "Decide"}""",
                "Decide", """
                        {"Type": "Choice", "Choices": [{"Variable": "$.go", "IsPresent": true, "Next": "Done"}],
                         "Default": "Done"}""",
                "Done", """
                        {"Type": "Succeed"}"""));
        register(api, FAILS, Asl.task("stepwise:fail", """
                {"Parameters": {"error": "Demo.Broken", "cause": "on purpose"}}"""));
        for (int i = 0; i < 3; i++) {
            Api.Response ok = api.post("/v1/executions/sync", """
                    {"stateMachine": "%s", "input": {"go": %d}, "timeoutSeconds": 30}""".formatted(SUCCEEDS, i));
            assertThat(ok.body().get("status").asString()).isEqualTo("SUCCEEDED");
            Api.Response failed = api.post("/v1/executions/sync", """
                    {"stateMachine": "%s", "input": {"n": %d}, "timeoutSeconds": 30}""".formatted(FAILS, i));
            assertThat(failed.body().get("status").asString()).isEqualTo("FAILED");
        }
        // a client error too, so the HTTP panels have a 4xx series
        assertThat(api.get("/v1/executions/not-a-uuid").status()).isBetween(400, 499);
    }
}
