package io.stepwise.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import io.stepwise.support.TestTaskHandlers.HandOff;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code .waitForTaskToken}: the handler passes $$.Task.Token on; the step waits durably for the answer. */
class CallbackTaskTest extends IntegrationTest {

    private static final String CALLBACK = "{\"Parameters\": {\"token.$\": \"$$.Task.Token\", \"order.$\": \"$.order\"}";

    private String start(String machine, String definition, String input) {
        Response stored = api.put("/v1/state-machines/" + machine, Asl.putBody(definition));
        assertThat(stored.status()).as(stored.raw()).isEqualTo(201);
        Response started = api.post("/v1/executions", "{\"stateMachine\": \"" + machine + "\", \"input\": " + input + "}");
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        return started.body().get("executionId").asString();
    }

    private static HandOff handOff(String executionId) throws InterruptedException {
        HandOff handOff = TestTaskHandlers.handedOff(UUID.fromString(executionId)).poll(20, TimeUnit.SECONDS);
        assertThat(handOff).as("the handler ran").isNotNull();
        return handOff;
    }

    private JsonNode awaitEnd(String id) {
        return Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/executions/" + id).body(),
                b -> !b.get("status").asString().equals("RUNNING"));
    }

    @Test
    void theStepWaitsUntilTheTokenIsAnsweredAndTheAnswerIsTheResult() throws Exception {
        String id = start("order-callback", Asl.task("test:hand-off.waitForTaskToken", CALLBACK
                + ", \"ResultPath\": \"$.shipment\"}"), "{\"order\": 7}");
        HandOff handOff = handOff(id);
        // the token in Parameters (evaluated before the call) and in the handler's context are one token
        assertThat(handOff.input().get("token").asString()).isEqualTo(handOff.token());
        assertThat(handOff.input().get("order").asInt()).isEqualTo(7);
        Eventually.await(Duration.ofSeconds(10), () -> steps.of(UUID.fromString(id)),
                s -> s.size() == 1 && s.getFirst().kind().equals("CALLBACK"));
        // off the ready index while it waits: claims never walk past waiting callbacks
        assertThat(steps.of(UUID.fromString(id)).getFirst().status()).isEqualTo("WAITING");
        assertThat(api.get("/v1/executions/" + id).body().get("status").asString()).isEqualTo("RUNNING");
        // the token itself is nowhere in the database, only its hash
        assertThat(jdbc.sql("SELECT count(*) FROM task_token WHERE token_hash = ?")
                .param(HmacTaskTokens.hash(handOff.token())).query(Integer.class).single()).isEqualTo(1);

        assertThat(api.post("/v1/tasks/success", "{\"taskToken\": \"" + handOff.token()
                + "\", \"output\": {\"tracking\": \"Z1\"}}").status()).isEqualTo(204);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output").toString()).isEqualTo("{\"order\":7,\"shipment\":{\"tracking\":\"Z1\"}}");
    }

    @Test
    void heartbeatsKeepAWaitAliveAndTheirAbsenceTimesItOut() throws Exception {
        String definition = Asl.task("test:hand-off.waitForTaskToken", CALLBACK + ", \"HeartbeatSeconds\": 1}");
        String kept = start("kept-alive", definition, "{\"order\": 1}");
        String token = handOff(kept).token();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try {
            heartbeats.scheduleAtFixedRate(() -> api.post("/v1/tasks/heartbeat", "{\"taskToken\": \"" + token + "\"}"),
                    0, 250, TimeUnit.MILLISECONDS);
            // well past the 1 s heartbeat window: only the heartbeats keep the task open
            assertThat(heartbeats.awaitTermination(2500, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(api.get("/v1/executions/" + kept).body().get("status").asString()).isEqualTo("RUNNING");
        } finally {
            heartbeats.shutdownNow();
        }
        assertThat(api.post("/v1/tasks/success", "{\"taskToken\": \"" + token + "\", \"output\": 1}").status())
                .isEqualTo(204);
        assertThat(awaitEnd(kept).get("status").asString()).isEqualTo("SUCCEEDED");

        String silent = start("not-kept-alive", definition, "{\"order\": 2}");
        String silentToken = handOff(silent).token();
        JsonNode failed = awaitEnd(silent);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).isEqualTo("States.HeartbeatTimeout");
        Response late = api.post("/v1/tasks/success", "{\"taskToken\": \"" + silentToken + "\", \"output\": 1}");
        assertThat(late.status()).isEqualTo(410);
    }

    @Test
    void aFailureAnswerWithoutAnErrorNameIsRetriedByStatesAll() throws Exception {
        String id = start("retried-callback", Asl.task("test:hand-off.waitForTaskToken", CALLBACK
                + ", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 1}]}"),
                "{\"order\": 3}");
        String first = handOff(id).token();
        assertThat(api.post("/v1/tasks/failure", "{\"taskToken\": \"" + first + "\"}").status()).isEqualTo(204);
        String second = handOff(id).token();
        assertThat(second).as("a retry is a new attempt with a new token").isNotEqualTo(first);
        assertThat(api.post("/v1/tasks/success", "{\"taskToken\": \"" + second + "\", \"output\": \"done\"}")
                .status()).isEqualTo(204);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output").toString()).isEqualTo("\"done\"");
    }

    @Test
    void badAnswersAreProblemsThatPointAtTheField() {
        Response noOutput = api.post("/v1/tasks/success", "{\"taskToken\": \"abc\"}");
        assertThat(noOutput.status()).isEqualTo(400);
        assertThat(noOutput.body().get("pointer").asString()).isEqualTo("/output");
        Response longError = api.post("/v1/tasks/failure", "{\"taskToken\": \"abc\", \"error\": \"" + "E".repeat(257)
                + "\"}");
        assertThat(longError.status()).isEqualTo(400);
        assertThat(longError.body().get("pointer").asString()).isEqualTo("/error");
        Response noToken = api.post("/v1/tasks/heartbeat", "{}");
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.body().get("pointer").asString()).isEqualTo("/taskToken");
    }
}
