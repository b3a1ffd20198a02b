package io.stepwise.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Activities end to end over HTTP: a worker polls a task, answers it, and the execution moves on. */
class ActivityTaskTest extends IntegrationTest {

    private void define(String machine, String definition) {
        Response stored = api.put("/v1/state-machines/" + machine, Asl.putBody(definition));
        assertThat(stored.status()).as(stored.raw()).isEqualTo(201);
    }

    private String start(String machine, String input) {
        Response started = api.post("/v1/executions", "{\"stateMachine\": \"" + machine + "\", \"input\": " + input + "}");
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        return started.body().get("executionId").asString();
    }

    private JsonNode awaitEnd(String id) {
        return Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/executions/" + id).body(),
                b -> !b.get("status").asString().equals("RUNNING"));
    }

    private JsonNode poll(String activity) {
        Response polled = api.post("/v1/activities/" + activity + "/poll?waitSeconds=20", "{\"workerName\": \"w1\"}");
        assertThat(polled.status()).as(polled.raw()).isEqualTo(200);
        return polled.body();
    }

    @Test
    void anActivityIsCreatedOnceListedAndDeleted() {
        Response created = api.put("/v1/activities/reports", "");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("resource").asString()).isEqualTo("stepwise:activity:reports");
        assertThat(api.put("/v1/activities/reports", "").status()).isEqualTo(200);
        assertThat(api.get("/v1/activities/reports").body().get("name").asString()).isEqualTo("reports");
        assertThat(api.get("/v1/activities").body().get("items").findValuesAsString("name")).contains("reports");
        assertThat(api.post("/v1/activities/reports/poll?waitSeconds=0", "").status()).isEqualTo(204);
        assertThat(api.send(java.net.http.HttpRequest.newBuilder().DELETE()
                .uri(java.net.URI.create("http://localhost:" + port + "/v1/activities/reports"))).status()).isEqualTo(204);
        assertThat(api.get("/v1/activities/reports").status()).isEqualTo(404);
        assertThat(api.post("/v1/activities/reports/poll?waitSeconds=0", "").status()).isEqualTo(404);
        assertThat(api.put("/v1/activities/not%20valid", "").status()).isEqualTo(400);
        assertThat(api.post("/v1/activities/reports/poll?waitSeconds=61", "").status()).isEqualTo(400);
    }

    @Test
    void aPolledTaskAnsweredWithSuccessMovesTheExecutionOn() {
        api.put("/v1/activities/greet", "");
        define("greeter", (Asl.task("stepwise:activity:greet",
                "{\"Parameters\": {\"who.$\": \"$.name\"}, \"ResultPath\": \"$.greeting\"}")));
        String id = start("greeter", "{\"name\": \"Ada\"}");

        JsonNode task = poll("greet");
        assertThat(task.get("input").toString()).isEqualTo("{\"who\":\"Ada\"}");
        String token = task.get("taskToken").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32); // 192 bits, base64url
        assertThat(api.post("/v1/tasks/heartbeat", "{\"taskToken\": \"" + token + "\"}").status()).isEqualTo(204);
        assertThat(api.post("/v1/tasks/success", "{\"taskToken\": \"" + token + "\", \"output\": \"hello Ada\"}")
                .status()).isEqualTo(204);

        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output").toString()).isEqualTo("{\"name\":\"Ada\",\"greeting\":\"hello Ada\"}");

        Response again = api.post("/v1/tasks/success", "{\"taskToken\": \"" + token + "\", \"output\": 1}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:stepwise:problem:task-already-answered");
        assertThat(again.body().get("pointer").asString()).isEqualTo("/taskToken");
        Response unknown = api.post("/v1/tasks/failure", "{\"taskToken\": \"no-such-token\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asString()).isEqualTo("urn:stepwise:problem:task-not-found");
    }

    @Test
    void aFailureAnswerIsCaughtLikeAnyTaskError() {
        api.put("/v1/activities/charge", "");
        define("charger", Asl.of("Charge", "{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:us-east-1:123456789012:activity:charge\", \"Catch\": [{\"ErrorEquals\": "
                + "[\"Card.Declined\"], \"Next\": \"Declined\"}], \"End\": true}",
                "Declined", "{\"Type\": \"Pass\", \"End\": true}"));
        String id = start("charger", "{}");
        String token = poll("charge").get("taskToken").asString();
        assertThat(api.post("/v1/tasks/failure", "{\"taskToken\": \"" + token
                + "\", \"error\": \"Card.Declined\", \"cause\": \"insufficient funds\"}").status()).isEqualTo(204);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output").toString())
                .isEqualTo("{\"Error\":\"Card.Declined\",\"Cause\":\"insufficient funds\"}");
    }

    @Test
    void aWorkerThatStopsHeartbeatingLosesItsTaskToTheRetry() {
        api.put("/v1/activities/slow", "");
        define("slow-worker", Asl.task("stepwise:activity:slow", "{\"HeartbeatSeconds\": 1, "
                + "\"Retry\": [{\"ErrorEquals\": [\"States.HeartbeatTimeout\"], \"IntervalSeconds\": 1, "
                + "\"MaxAttempts\": 1}]}"));
        String id = start("slow-worker", "{\"n\": 1}");
        String first = poll("slow").get("taskToken").asString();
        // the worker dies: no heartbeat, no answer; the retry hands the task out again under a new token
        JsonNode second = poll("slow");
        String token = second.get("taskToken").asString();
        assertThat(token).isNotEqualTo(first);
        Response late = api.post("/v1/tasks/success", "{\"taskToken\": \"" + first + "\", \"output\": {}}");
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body().get("type").asString()).isEqualTo("urn:stepwise:problem:task-timed-out");
        assertThat(api.post("/v1/tasks/success", "{\"taskToken\": \"" + token + "\", \"output\": {\"ok\": true}}")
                .status()).isEqualTo(204);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("output").toString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aTimeoutWithoutRetryFailsTheExecutionAndAStopRefusesLaterAnswers() {
        api.put("/v1/activities/never", "");
        define("never-answered", Asl.task("stepwise:activity:never", "{\"TimeoutSeconds\": 1}"));
        String timedOut = start("never-answered", "{}");
        JsonNode done = awaitEnd(timedOut);
        assertThat(done.get("status").asString()).isEqualTo("FAILED");
        assertThat(done.get("error").asString()).isEqualTo("States.Timeout");

        define("stopped-while-waiting", Asl.task("stepwise:activity:never"));
        String stopped = start("stopped-while-waiting", "{}");
        String token = poll("never").get("taskToken").asString();
        assertThat(api.post("/v1/executions/" + stopped + "/stop", "{}").status()).isEqualTo(200);
        Response answer = api.post("/v1/tasks/success", "{\"taskToken\": \"" + token + "\", \"output\": {}}");
        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.body().get("type").asString()).isEqualTo("urn:stepwise:problem:task-timed-out");
        assertThat(api.get("/v1/executions/" + stopped).body().get("status").asString()).isEqualTo("ABORTED");
    }

    @Test
    void concurrentPollersNeverReceiveTheSameTask() throws Exception {
        api.put("/v1/activities/shared", "");
        define("shared-work", Asl.task("stepwise:activity:shared"));
        int tasks = 200;
        StringBuilder batch = new StringBuilder("{\"executions\": [");
        for (int i = 0; i < tasks; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"stateMachine\": \"shared-work\", \"input\": {\"n\": ")
                    .append(i).append("}}");
        }
        assertThat(api.post("/v1/executions/batch", batch.append("]}").toString()).status()).isEqualTo(200);
        Map<String, Integer> handedOut = new ConcurrentHashMap<>();
        Map<Integer, Integer> inputs = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        try (ExecutorService pollers = Executors.newFixedThreadPool(8)) {
            for (int p = 0; p < 8; p++) {
                pollers.submit(() -> {
                    while (answered.get() < tasks) {
                        Response polled = api.post("/v1/activities/shared/poll?waitSeconds=1", "{}");
                        if (polled.status() != 200) {
                            continue;
                        }
                        String token = polled.body().get("taskToken").asString();
                        handedOut.merge(token, 1, Integer::sum);
                        inputs.merge(polled.body().get("input").get("n").asInt(), 1, Integer::sum);
                        api.post("/v1/tasks/success", "{\"taskToken\": \"" + token + "\", \"output\": "
                                + polled.body().get("input") + "}");
                        answered.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        assertThat(handedOut).hasSize(tasks);
        assertThat(handedOut.values()).allMatch(n -> n == 1);
        assertThat(inputs).hasSize(tasks);
        assertThat(inputs.values()).allMatch(n -> n == 1);
        Eventually.await(Duration.ofSeconds(30), () -> jdbc.sql("SELECT count(*) FROM execution "
                + "WHERE state_machine_name = 'shared-work' AND status = 'SUCCEEDED'").query(Integer.class).single(),
                n -> n == tasks);
    }

    @Test
    void aTaskForAnActivityThatDoesNotExistFailsWithStatesRuntime() {
        define("no-activity", Asl.task("stepwise:activity:missing-one"));
        JsonNode done = awaitEnd(start("no-activity", "{}"));
        assertThat(done.get("status").asString()).isEqualTo("FAILED");
        assertThat(done.get("error").asString()).isEqualTo("States.Runtime");
        assertThat(done.get("cause").asString()).contains("missing-one");
    }
}
