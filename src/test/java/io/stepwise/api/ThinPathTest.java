package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One workflow through every layer: HTTP, definitions, executions, the step queue, a worker, history. */
class ThinPathTest extends IntegrationTest {

    private static final String PASS_THEN_SUCCEED = passThenSucceed("hello");

    private static String passThenSucceed(String greeting) {
        return Asl.putBody(Asl.of("Greet", """
                        {"Type": "Pass", "Result": {"greeting": "%s"}, "Next": "Done"}""".formatted(greeting),
                "Done", Asl.succeed()));
    }

    @Test
    void aWorkflowRunsToSucceededWithItsOutput() {
        Response put = api.put("/v1/state-machines/hello", PASS_THEN_SUCCEED);
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.body().get("version").asInt()).isEqualTo(1);
        assertThat(put.location()).isEqualTo("/v1/state-machines/hello/versions/1");

        Response start = api.post("/v1/executions", """
                {"stateMachine": "hello", "input": {"who": "world"}}""");
        assertThat(start.status()).isEqualTo(201);
        assertThat(start.body().get("status").asString()).isEqualTo("RUNNING");
        String id = start.body().get("executionId").asString();
        assertThat(start.location()).isEqualTo("/v1/executions/" + id);

        Response done = Eventually.await(Duration.ofSeconds(10), () -> api.get("/v1/executions/" + id),
                r -> !r.body().get("status").asString().equals("RUNNING"));
        assertThat(done.body().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.body().get("output").toString()).isEqualTo("{\"greeting\":\"hello\"}");
        assertThat(done.body().get("input").toString()).isEqualTo("{\"who\":\"world\"}");
        assertThat(done.body().get("stopDate").isNull()).isFalse();

        // the whole run (Pass, Succeed) was written in one transaction
        assertThat(historyTable.rowsOf(UUID.fromString(id))).isEqualTo(1);
        assertThat(steps.count()).isZero();
    }

    @Test
    void theSameDefinitionAgainIsNotANewVersion() {
        assertThat(api.put("/v1/state-machines/hello", PASS_THEN_SUCCEED).status()).isEqualTo(201);
        Response again = api.put("/v1/state-machines/hello", PASS_THEN_SUCCEED);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("version").asInt()).isEqualTo(1);
        Response changed = api.put("/v1/state-machines/hello", passThenSucceed("hi"));
        assertThat(changed.status()).isEqualTo(201);
        assertThat(changed.body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void anInvalidDefinitionIsAProblemPointingAtTheField() {
        Response response = api.put("/v1/state-machines/bad", Asl.putBody(Asl.single("A", """
                {"Type": "Teleport"}""")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("pointer").asString()).isEqualTo("/definition/States/A/Type");
        assertThat(response.raw()).doesNotContain("Exception");
    }

    @Test
    void unknownThingsAre404Problems() {
        Response missingMachine = api.post("/v1/executions", """
                {"stateMachine": "nope"}""");
        assertThat(missingMachine.status()).isEqualTo(404);
        assertThat(missingMachine.body().get("type").asString()).isEqualTo("urn:stepwise:problem:not-found");

        Response missingExecution = api.get("/v1/executions/0190a3a0-0000-7000-8000-000000000000");
        assertThat(missingExecution.status()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsA400Problem() {
        Response response = api.post("/v1/executions", "{\"stateMachine\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void aNamedStartIsIdempotentAndConflictsOnAnotherInput() {
        api.put("/v1/state-machines/hello", PASS_THEN_SUCCEED);
        Response first = api.post("/v1/executions", """
                {"stateMachine": "hello", "name": "order-42", "input": {"n": 1}}""");
        Response again = api.post("/v1/executions", """
                {"stateMachine": "hello", "name": "order-42", "input": {"n": 1}}""");
        Response other = api.post("/v1/executions", """
                {"stateMachine": "hello", "name": "order-42", "input": {"n": 2}}""");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("executionId")).isEqualTo(first.body().get("executionId"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("pointer").asString()).isEqualTo("/name");
    }
}
