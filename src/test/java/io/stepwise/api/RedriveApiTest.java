package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedriveApiTest extends IntegrationTest {

    private static final String FLAKY_INPUT = "{\"order\":\"redrive-api-1\"}";

    @AfterEach
    void stopFailing() {
        TestTaskHandlers.FAIL_ON.remove(FLAKY_INPUT);
    }

    @Test
    void aFailedExecutionIsRedrivenOnceItsCauseIsFixed() {
        api.put("/v1/state-machines/flaky", Asl.putBody(Asl.task("test:flaky")));
        TestTaskHandlers.FAIL_ON.add(FLAKY_INPUT);
        Response failed = api.post("/v1/executions/sync", "{\"stateMachine\": \"flaky\", \"input\": " + FLAKY_INPUT + "}");
        assertThat(failed.body().get("status").asString()).isEqualTo("FAILED");
        String id = failed.body().get("executionId").asString();
        assertThat(api.get("/v1/executions/" + id + "/failure").body().get("failedState").get("name").asString())
                .isEqualTo("Work");

        TestTaskHandlers.FAIL_ON.remove(FLAKY_INPUT);
        Response redriven = api.post("/v1/executions/" + id + "/redrive", "");
        assertThat(redriven.status()).isEqualTo(200);
        assertThat(redriven.body().get("redriveCount").asInt()).isEqualTo(1);
        assertThat(redriven.body().get("redriveDate").isNull()).isFalse();

        Response done = Eventually.await(Duration.ofSeconds(10), () -> api.get("/v1/executions/" + id),
                r -> r.body().get("status").asString().equals("SUCCEEDED"));
        assertThat(done.body().get("output").toString()).isEqualTo(FLAKY_INPUT);

        Response again = api.post("/v1/executions/" + id + "/redrive", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:stepwise:problem:redrive-not-allowed");
        assertThat(api.post("/v1/executions/0190a3a0-0000-7000-8000-000000000000/redrive", "").status())
                .isEqualTo(404);
    }
}
