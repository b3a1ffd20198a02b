package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExecutionApiTest extends IntegrationTest {

    static final String PASS = Asl.putBody(Asl.single("P", Asl.pass()));
    static final String WAIT_A_MINUTE = Asl.putBody(Asl.single("W", """
            {"Type": "Wait", "Seconds": 60, "End": true}"""));

    @Test
    void twentyConcurrentIdenticalNamedStartsCreateOneExecution() throws Exception {
        api.put("/v1/state-machines/once", WAIT_A_MINUTE);
        int callers = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                responses.add(pool.submit(() -> {
                    go.await();
                    return api.post("/v1/executions", """
                            {"stateMachine": "once", "name": "order-7", "input": {"n": 7}}""");
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<Response> future : responses) {
                Response response = future.get();
                assertThat(response.status()).isIn(200, 201);
                created += response.status() == 201 ? 1 : 0;
                ids.add(response.body().get("executionId").asString());
            }
            assertThat(created).isEqualTo(1);
            assertThat(ids).hasSize(1);
        }
        assertThat(pageAll("/v1/executions")).hasSize(1);
        assertThat(steps.count()).isEqualTo(1);
    }

    @Test
    void syncStartReturnsTheEndedExecution() {
        api.put("/v1/state-machines/quick-pass", Asl.putBody(Asl.single("P", """
                {"Type": "Pass", "Result": {"ok": true}, "End": true}""")));
        Response done = api.post("/v1/executions/sync", """
                {"stateMachine": "quick-pass", "input": {"x": 1}, "timeoutSeconds": 30}""");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.body().get("output").toString()).isEqualTo("{\"ok\":true}");
        assertThat(done.body().get("input").toString()).isEqualTo("{\"x\":1}");
        assertThat(done.location()).isEqualTo("/v1/executions/" + done.body().get("executionId").asString());
    }

    @Test
    void syncStartAnswers202WithTheRunningExecutionWhenTheTimeoutPassesFirst() {
        api.put("/v1/state-machines/slow", WAIT_A_MINUTE);
        Instant before = Instant.now();
        Response running = api.post("/v1/executions/sync", """
                {"stateMachine": "slow", "timeoutSeconds": 1}""");
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(running.status()).isEqualTo(202);
        assertThat(running.body().get("status").asString()).isEqualTo("RUNNING");
        assertThat(running.location()).startsWith("/v1/executions/");
    }

    @Test
    void syncStartReturnsAFailureWithItsErrorAndCause() {
        api.put("/v1/state-machines/failing", Asl.putBody(Asl.single("F", """
                {"Type": "Fail", "Error": "Oops", "Cause": "why"}""")));
        Response failed = api.post("/v1/executions/sync", """
                {"stateMachine": "failing"}""");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.body().get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.body().get("error").asString()).isEqualTo("Oops");
        assertThat(failed.body().get("cause").asString()).isEqualTo("why");
    }

    @Test
    void stopAbortsARunningExecutionOnceThen409() {
        api.put("/v1/state-machines/slow", WAIT_A_MINUTE);
        String id = api.post("/v1/executions", """
                {"stateMachine": "slow"}""").body().get("executionId").asString();
        Response stopped = api.post("/v1/executions/" + id + "/stop", """
                {"error": "Manual", "cause": "changed my mind"}""");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body().get("status").asString()).isEqualTo("ABORTED");
        assertThat(stopped.body().get("error").asString()).isEqualTo("Manual");
        Response again = api.post("/v1/executions/" + id + "/stop", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:stepwise:problem:execution-not-running");
        assertThat(api.post("/v1/executions/0190a3a0-0000-7000-8000-000000000000/stop", "{}").status())
                .isEqualTo(404);
    }

    @Test
    void listingIsNewestFirstFilteredAndPagedWithoutGapsOrRepeats() {
        api.put("/v1/state-machines/a", PASS);
        api.put("/v1/state-machines/b", WAIT_A_MINUTE);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(api.post("/v1/executions", "{\"stateMachine\": \"a\"}").body().get("executionId").asString());
            started.add(api.post("/v1/executions", "{\"stateMachine\": \"b\"}").body().get("executionId").asString());
        }
        List<String> all = pageAll("/v1/executions?limit=3");
        assertThat(all).containsExactlyElementsOf(started.reversed());

        List<String> ofB = pageAll("/v1/executions?stateMachine=b&limit=2");
        assertThat(ofB).hasSize(5).allSatisfy(id -> assertThat(started.indexOf(id) % 2).isEqualTo(1));

        Eventually.await(Duration.ofSeconds(10), () -> pageAll("/v1/executions?status=SUCCEEDED&limit=100"),
                ids -> ids.size() == 5);
        assertThat(pageAll("/v1/executions?status=RUNNING&stateMachine=b")).hasSize(5);

        JsonNode third = api.get("/v1/executions/" + started.get(2)).body();
        String startDate = third.get("startDate").asString();
        List<String> before = pageAll("/v1/executions?startedBefore=" + startDate);
        assertThat(before).containsExactlyElementsOf(started.subList(0, 2).reversed());
        List<String> after = pageAll("/v1/executions?startedAfter=" + startDate + "&limit=4");
        assertThat(after).containsExactlyElementsOf(started.subList(3, 10).reversed());
        Response item = api.get("/v1/executions?limit=1");
        assertThat(item.body().get("items").get(0).has("input")).isFalse();
        assertThat(item.body().get("items").get(0).get("stateMachine").asString()).isEqualTo("b");
    }

    private List<String> pageAll(String path) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(path + (cursor == null ? "" : (path.contains("?") ? "&" : "?") + "cursor=" + cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().get("items").forEach(item -> ids.add(item.get("executionId").asString()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }
}
