package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HistoryAndFailureApiTest extends IntegrationTest {

    /** A Task retried twice, then failing the execution. */
    static final String RETRIED_TASK = Asl.putBody(Asl.of("Prepare", """
                    {"Type": "Pass", "Next": "Charge"}""",
            "Charge", """
                    {"Type": "Task", "Resource": "stepwise:fail",
                     "Parameters": {"error": "Card.Declined", "cause": "insufficient funds"},
                     "Retry": [{"ErrorEquals": ["Card.Declined"], "IntervalSeconds": 1, "MaxAttempts": 2,
                                "BackoffRate": 1, "MaxDelaySeconds": 1}],
                     "End": true}"""));

    /** A Map whose fourth item fails inside the iteration. */
    static final String FAILING_MAP = """
            {"definition": {"StartAt": "Process", "States": {
              "Process": {"Type": "Map", "ItemsPath": "$.orders", "MaxConcurrency": 1,
                "ItemProcessor": {"StartAt": "Charge", "States": {
                  "Charge": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": false, "Next": "Decline"}],
                             "Default": "Done"},
                  "Decline": {"Type": "Fail", "Error": "Card.Declined", "Cause": "no"},
                  "Done": {"Type": "Succeed"}}},
                "End": true}}}}""";

    @Test
    void historyHasAwsEventsWithIdsFromTheExecutionAndItsRows() {
        api.put("/v1/state-machines/greeter", Asl.putBody(Asl.of("Greet", """
                        {"Type": "Pass", "Result": {"greeting": "hi"}, "Next": "Done"}""",
                "Done", Asl.succeed())));
        String id = api.post("/v1/executions/sync", """
                {"stateMachine": "greeter", "input": {"who": "you"}}""").body().get("executionId").asString();

        Response history = api.get("/v1/executions/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        List<String> types = types(history.body().get("events"));
        assertThat(types).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
        JsonNode events = history.body().get("events");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("id").asLong()).isEqualTo(i + 1);
            assertThat(events.get(i).get("previousEventId").asLong()).isEqualTo(i);
            assertThat(events.get(i).get("timestamp").asString()).endsWith("Z");
        }
        assertThat(events.get(0).get("details").get("input").toString()).isEqualTo("{\"who\":\"you\"}");
        assertThat(events.get(1).get("details").get("name").asString()).isEqualTo("Greet");
        assertThat(events.get(1).get("details").get("input").toString()).isEqualTo("{\"who\":\"you\"}");
        assertThat(events.get(2).get("details").get("output").toString()).isEqualTo("{\"greeting\":\"hi\"}");
        assertThat(events.get(5).get("details").get("output").toString()).isEqualTo("{\"greeting\":\"hi\"}");
        assertThat(history.body().get("nextCursor").isNull()).isTrue();

        List<JsonNode> forward = pages("/v1/executions/" + id + "/history?limit=2");
        List<JsonNode> backward = pages("/v1/executions/" + id + "/history?limit=4&reverse=true");
        assertThat(forward).hasSize(6);
        assertThat(backward).containsExactlyElementsOf(forward.reversed());
        assertThat(pages("/v1/executions/" + id + "/history?limit=1&reverse=true")).containsExactlyElementsOf(
                forward.reversed());
    }

    @Test
    void theFailureShowsTheTaskItsInputAndTheRetriesTaken() {
        api.put("/v1/state-machines/pay", RETRIED_TASK);
        Response done = api.post("/v1/executions/sync", """
                {"stateMachine": "pay", "input": {"amount": 5}, "timeoutSeconds": 30}""");
        assertThat(done.body().get("status").asString()).isEqualTo("FAILED");
        String id = done.body().get("executionId").asString();

        Response failure = api.get("/v1/executions/" + id + "/failure");
        assertThat(failure.status()).isEqualTo(200);
        JsonNode state = failure.body().get("failedState");
        assertThat(failure.body().get("error").asString()).isEqualTo("Card.Declined");
        assertThat(state.get("name").asString()).isEqualTo("Charge");
        assertThat(state.get("type").asString()).isEqualTo("Task");
        assertThat(state.get("path").toString()).isEqualTo("[\"Charge\"]");
        assertThat(state.get("input").toString()).isEqualTo("{\"amount\":5}");
        assertThat(state.get("error").asString()).isEqualTo("Card.Declined");
        assertThat(state.get("cause").asString()).isEqualTo("insufficient funds");
        assertThat(state.get("attempts").asInt()).isEqualTo(3);
        assertThat(state.get("retries").size()).isEqualTo(2);
        assertThat(state.get("retries").get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(state.get("retries").get(0).get("error").asString()).isEqualTo("Card.Declined");
    }

    @Test
    void aFailureInsideAMapIterationIsFoundWithItsPath() {
        api.put("/v1/state-machines/batch", FAILING_MAP);
        Response done = api.post("/v1/executions/sync", """
                {"stateMachine": "batch", "input": {"orders": [{"ok": true}, {"ok": true}, {"ok": true},
                  {"ok": false}, {"ok": true}]}}""");
        assertThat(done.body().get("status").asString()).isEqualTo("FAILED");
        Response failure = api.get("/v1/executions/" + done.body().get("executionId").asString() + "/failure");
        JsonNode state = failure.body().get("failedState");
        assertThat(state.get("name").asString()).isEqualTo("Decline");
        assertThat(state.get("type").asString()).isEqualTo("Fail");
        assertThat(state.get("path").get(0).asString()).isEqualTo("Process");
        assertThat(state.get("path").get(2).asString()).isEqualTo("Decline");
        assertThat(state.get("error").asString()).isEqualTo("Card.Declined");
    }

    @Test
    void theFailureOfAMapItemFoundByItsInputHasTheIterationIndex() {
        String charge = Asl.single("Charge", """
                {"Type": "Task", "Resource": "stepwise:fail", "End": true}""");
        api.put("/v1/state-machines/charge", Asl.putBody(Asl.single("Process", Asl.map(charge, """
                {"ItemsPath": "$.orders"}"""))));
        Response done = api.post("/v1/executions/sync", """
                {"stateMachine": "charge", "input": {"orders": [{"error": "A", "cause": "one"}]}}""");
        assertThat(done.body().get("status").asString()).isEqualTo("FAILED");
        JsonNode state = api.get("/v1/executions/" + done.body().get("executionId").asString() + "/failure")
                .body().get("failedState");
        assertThat(state.get("path").toString()).isEqualTo("[\"Process\",\"[0]\",\"Charge\"]");
        assertThat(state.get("input")).isEqualTo(io.stepwise.asl.Json.parse("{\"error\":\"A\",\"cause\":\"one\"}"));
    }

    @Test
    void aSucceededExecutionHasNoFailureAndUnknownOnesAre404() {
        api.put("/v1/state-machines/ok", Asl.putBody(Asl.single("P", Asl.pass())));
        String id = api.post("/v1/executions/sync", "{\"stateMachine\": \"ok\"}").body().get("executionId").asString();
        Response failure = api.get("/v1/executions/" + id + "/failure");
        assertThat(failure.status()).isEqualTo(409);
        assertThat(failure.body().get("type").asString()).isEqualTo("urn:stepwise:problem:execution-not-failed");
        assertThat(api.get("/v1/executions/0190a3a0-0000-7000-8000-000000000000/failure").status()).isEqualTo(404);
        assertThat(api.get("/v1/executions/0190a3a0-0000-7000-8000-000000000000/history").status()).isEqualTo(404);
    }

    private List<JsonNode> pages(String path) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().get("events").forEach(events::add);
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asString();
        } while (cursor != null);
        return events;
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asString()));
        return types;
    }
}
