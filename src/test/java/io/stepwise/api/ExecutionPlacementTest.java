package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An execution's queue and priority: given at start, kept by every step of it, shown in its description. */
class ExecutionPlacementTest extends IntegrationTest {

    private static final String TWO_BRANCHES = """
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "test:block", "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "test:block", "End": true}}}]}}}""";

    @Test
    void everyStepOfTheExecutionRunsOnItsQueueWithItsPriorityAlsoAfterARedrive() {
        api.put("/v1/state-machines/placed", Asl.putBody(TWO_BRANCHES));

        Response started = api.post("/v1/executions",
                "{\"stateMachine\": \"placed\", \"queue\": \"reports.eu:1\", \"priority\": -7}");

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.body().get("queue").asString()).isEqualTo("reports.eu:1");
        assertThat(started.body().get("priority").asInt()).isEqualTo(-7);
        UUID id = UUID.fromString(started.body().get("executionId").asString());
        awaitBlocked(id);
        // the Parallel step waits, its two branches run: all on the execution's queue
        assertThat(steps.placementsOf(id)).containsExactly("reports.eu:1/-7", "reports.eu:1/-7", "reports.eu:1/-7");
        Response described = api.get("/v1/executions/" + id);
        assertThat(described.body().get("queue").asString()).isEqualTo("reports.eu:1");
        assertThat(described.body().get("priority").asInt()).isEqualTo(-7);

        api.post("/v1/executions/" + id + "/stop", "{}");
        assertThat(api.post("/v1/executions/" + id + "/redrive", "").status()).isEqualTo(200);
        assertThat(steps.placementsOf(id)).hasSize(3).containsOnly("reports.eu:1/-7");
        api.post("/v1/executions/" + id + "/stop", "{}");
    }

    @Test
    void aStartWithoutQueueTakesTheDefaultQueueAndPriorityZero() {
        api.put("/v1/state-machines/plain", Asl.putBody(Asl.single("P", Asl.pass())));

        Response started = api.post("/v1/executions/sync", "{\"stateMachine\": \"plain\"}");

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body().get("queue").asString()).isEqualTo("default");
        assertThat(started.body().get("priority").asInt()).isZero();
    }

    @Test
    void aBatchStartPlacesEachExecutionOnItsOwnQueue() {
        api.put("/v1/state-machines/placed", Asl.putBody(TWO_BRANCHES));

        Response response = api.post("/v1/executions/batch", """
                {"executions": [{"stateMachine": "placed", "queue": "one", "priority": 100},
                                {"stateMachine": "placed"}]}""");

        var items = response.body().get("items");
        UUID first = UUID.fromString(items.get(0).get("execution").get("executionId").asString());
        UUID second = UUID.fromString(items.get(1).get("execution").get("executionId").asString());
        assertThat(items.get(0).get("execution").get("queue").asString()).isEqualTo("one");
        awaitBlocked(first);
        awaitBlocked(second);
        assertThat(steps.placementsOf(first)).hasSize(3).containsOnly("one/100");
        assertThat(steps.placementsOf(second)).hasSize(3).containsOnly("default/0");
        api.post("/v1/executions/" + first + "/stop", "{}");
        api.post("/v1/executions/" + second + "/stop", "{}");
    }

    @Test
    void aBadQueueOrPriorityIsA400PointingAtIt() {
        api.put("/v1/state-machines/plain", Asl.putBody(Asl.single("P", Asl.pass())));

        assertProblem(api.post("/v1/executions", "{\"stateMachine\": \"plain\", \"queue\": \"with space\"}"), "/queue");
        assertProblem(api.post("/v1/executions", "{\"stateMachine\": \"plain\", \"queue\": \"\"}"), "/queue");
        assertProblem(api.post("/v1/executions", "{\"stateMachine\": \"plain\", \"queue\": \"" + "q".repeat(65) + "\"}"),
                "/queue");
        assertProblem(api.post("/v1/executions", "{\"stateMachine\": \"plain\", \"priority\": 101}"), "/priority");
        assertProblem(api.post("/v1/executions", "{\"stateMachine\": \"plain\", \"priority\": -101}"), "/priority");
        assertProblem(api.post("/v1/executions/sync", "{\"stateMachine\": \"plain\", \"priority\": 40000}"),
                "/priority");
        assertProblem(api.post("/v1/executions/batch",
                "{\"executions\": [{\"stateMachine\": \"plain\", \"queue\": \"a/b\"}]}"), "/executions/0/queue");
        assertThat(api.post("/v1/executions", "{\"stateMachine\": \"plain\", \"queue\": \"" + "q".repeat(64)
                + "\", \"priority\": 100}").status()).isEqualTo(201);
    }

    private static void assertProblem(Response response, String pointer) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("pointer").asString()).isEqualTo(pointer);
    }

    private static void awaitBlocked(UUID id) {
        Eventually.await(Duration.ofSeconds(10), () -> TestTaskHandlers.block(id).started().getCount(), n -> n == 0);
    }
}
