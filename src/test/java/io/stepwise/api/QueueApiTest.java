package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/queues}: limits set and read, pause and resume, and the counts of what is in each queue. */
class QueueApiTest extends IntegrationTest {

    private static final String FLAKY_INPUT = "{\"order\":\"queue-api-1\"}";

    @AfterEach
    void stopFailing() {
        TestTaskHandlers.FAIL_ON.remove(FLAKY_INPUT);
    }

    @Test
    void limitsAreSetReplacedAndListed() {
        Response put = api.put("/v1/queues/emails",
                "{\"concurrency\": 3, \"rateLimit\": {\"limit\": 100, \"periodSeconds\": 60}}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("concurrency").asInt()).isEqualTo(3);
        assertThat(put.body().get("rateLimit").get("limit").asInt()).isEqualTo(100);
        assertThat(put.body().get("rateLimit").get("periodSeconds").asInt()).isEqualTo(60);
        assertThat(put.body().get("paused").asBoolean()).isFalse();
        assertThat(api.get("/v1/queues/emails").body()).isEqualTo(put.body());

        api.post("/v1/queues/emails/pause", "");
        Response replaced = api.put("/v1/queues/emails", "{\"concurrency\": 5}");
        assertThat(replaced.body().get("concurrency").asInt()).isEqualTo(5);
        assertThat(replaced.body().get("rateLimit").isNull()).as("an absent limit is removed").isTrue();
        assertThat(replaced.body().get("paused").asBoolean()).as("an absent paused keeps it").isTrue();
        assertThat(api.post("/v1/queues/emails/resume", "").body().get("paused").asBoolean()).isFalse();

        JsonNode items = api.get("/v1/queues").body().get("items");
        assertThat(items.valueStream().map(q -> q.get("name").asString())).contains("emails");
    }

    /** ApiFuzzTest once met a 500 here: two first settings of one queue both inserted its row. */
    @Test
    void firstSettingsOfOneQueueAtOnceAllSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String queue = "raced-" + round;
            int callers = 8;
            CyclicBarrier together = new CyclicBarrier(callers);
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    int caller = i;
                    answers.add(pool.submit(() -> {
                        together.await();
                        return switch (caller % 3) {
                            case 0 -> api.post("/v1/queues/" + queue + "/resume", "").status();
                            case 1 -> api.post("/v1/queues/" + queue + "/pause", "").status();
                            default -> api.put("/v1/queues/" + queue, "{\"concurrency\": 2}").status();
                        };
                    }));
                }
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
            }
            assertThat(statuses).as("round %d", round).containsOnly(200);
            assertThat(api.get("/v1/queues/" + queue).status()).isEqualTo(200);
        }
    }

    @Test
    void theCountsSayWhatIsAvailableRunningScheduledRetryingAndFailed() {
        api.post("/v1/queues/counted/pause", "");
        api.put("/v1/state-machines/pass", Asl.putBody(Asl.single("P", Asl.pass())));
        api.put("/v1/state-machines/blocking", Asl.putBody(Asl.task("test:block")));
        api.put("/v1/state-machines/napping", Asl.putBody(Asl.single("Nap",
                "{\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}")));
        api.put("/v1/state-machines/flaky", Asl.putBody(Asl.task("test:flaky",
                "{\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 3600}]}")));
        api.put("/v1/state-machines/failing", Asl.putBody(Asl.single("F",
                "{\"Type\": \"Fail\", \"Error\": \"Broken\"}")));
        TestTaskHandlers.FAIL_ON.add(FLAKY_INPUT);

        start("pass", "counted", "{}");
        start("pass", "counted", "{}");
        UUID blocked = start("blocking", "busy", "{}");
        start("napping", "later", "{}");
        start("flaky", "later", FLAKY_INPUT);
        api.post("/v1/executions/sync", "{\"stateMachine\": \"failing\", \"queue\": \"later\"}");
        Eventually.await(Duration.ofSeconds(10), () -> TestTaskHandlers.block(blocked).started().getCount(), n -> n == 0);

        assertThat(counts("counted")).isEqualTo(new Counts(2, 0, 0, 0, 0));
        assertThat(counts("busy")).isEqualTo(new Counts(0, 1, 0, 0, 0));
        assertThat(Eventually.await(Duration.ofSeconds(10), () -> counts("later"), c -> c.retrying() == 1))
                .isEqualTo(new Counts(0, 0, 1, 1, 1));
        assertThat(api.get("/v1/queues").body().get("items").valueStream().map(q -> q.get("name").asString()))
                .containsSubsequence("busy", "counted", "later");
        api.post("/v1/executions/" + blocked + "/stop", "{}");
    }

    @Test
    void badSettingsAndNamesAre400sAndAnUnknownQueueIs404() {
        assertProblem(api.put("/v1/queues/q", "{\"concurrency\": 0}"), "/concurrency");
        assertProblem(api.put("/v1/queues/q", "{\"rateLimit\": {\"limit\": 5}}"), "/rateLimit/periodSeconds");
        assertProblem(api.put("/v1/queues/q", "{\"rateLimit\": {\"limit\": 0, \"periodSeconds\": 1}}"),
                "/rateLimit/limit");
        Response badName = api.put("/v1/queues/not%20a%20name", "{}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().get("type").asString()).isEqualTo("urn:stepwise:problem:invalid-parameter");
        Response unknown = api.get("/v1/queues/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asString()).isEqualTo("urn:stepwise:problem:not-found");
    }

    private record Counts(long available, long running, long scheduled, long retrying, long failedLastHour) {
    }

    private Counts counts(String queue) {
        JsonNode c = api.get("/v1/queues/" + queue).body().get("counts");
        return new Counts(c.get("available").asLong(), c.get("running").asLong(), c.get("scheduled").asLong(),
                c.get("retrying").asLong(), c.get("failedLastHour").asLong());
    }

    private UUID start(String machine, String queue, String input) {
        Response started = api.post("/v1/executions", "{\"stateMachine\": \"" + machine + "\", \"queue\": \"" + queue
                + "\", \"input\": " + input + "}");
        assertThat(started.status()).isEqualTo(201);
        return UUID.fromString(started.body().get("executionId").asString());
    }

    private static void assertProblem(Response response, String pointer) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("pointer").asString()).isEqualTo(pointer);
    }
}
