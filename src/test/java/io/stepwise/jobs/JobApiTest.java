package io.stepwise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The jobs API over real HTTP: every job status observed, unique keys, batches, bad input. */
class JobApiTest extends IntegrationTest {

    private static final String FLAKY = "{\"invoice\":\"job-api-flaky\"}";
    private static final String OTHER_QUEUE = "reports";

    @AfterEach
    void stopFailing() {
        TestTaskHandlers.FAIL_ON.remove(FLAKY);
    }

    private Response awaitStatus(String id, String status) {
        return Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/jobs/" + id),
                r -> r.body().path("status").asString("").equals(status));
    }

    @Test
    void aJobRunsItsTypeWithItsPayloadAndAnswersWithTheResult() {
        Response created = api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"payload\": {\"invoice\": 42}}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.location()).endsWith("/v1/jobs/" + id);
        assertThat(created.body().get("type").asString()).isEqualTo("stepwise:echo");
        assertThat(created.body().get("queue").asString()).isEqualTo("default");
        assertThat(created.body().get("priority").asInt()).isZero();

        JsonNode done = awaitStatus(id, "SUCCEEDED").body();
        assertThat(done.get("result").toString()).isEqualTo("{\"invoice\":42}");
        assertThat(done.get("payload").toString()).isEqualTo("{\"invoice\":42}");
        assertThat(done.get("attempt").asInt()).isEqualTo(1);
        assertThat(Instant.parse(done.get("finishedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(done.get("createdAt").asString()));
        // a job is an execution: the executions API, its history and its definition see it
        JsonNode execution = api.get("/v1/executions/" + id).body();
        assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(execution.get("stateMachine").asString()).startsWith("job:");
        assertThat(api.get("/v1/executions/" + id + "/history").status()).isEqualTo(200);
    }

    @Test
    void aDelayedJobIsScheduledUntilItsRunAtAndACancelledOneCanBeRetried() {
        Instant before = Instant.now();
        Response created = api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"delaySeconds\": 3600}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(created.body().get("runAt").asString())).isAfter(before.plusSeconds(3500));
        String id = created.body().get("id").asString();
        assertThat(steps.only(UUID.fromString(id)).status()).isEqualTo("READY");

        Response cancelled = api.post("/v1/jobs/" + id + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        Response again = api.post("/v1/jobs/" + id + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:stepwise:problem:job-finished");

        Response retried = api.post("/v1/jobs/" + id + "/retry", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("status").asString()).isIn("AVAILABLE", "RUNNING", "SUCCEEDED");
        assertThat(awaitStatus(id, "SUCCEEDED").body().get("attempt").asInt()).isEqualTo(1);
        Response notAgain = api.post("/v1/jobs/" + id + "/retry", "");
        assertThat(notAgain.status()).isEqualTo(409);
        assertThat(notAgain.body().get("type").asString()).isEqualTo("urn:stepwise:problem:job-not-retryable");
    }

    @Test
    void aRunningJobIsRunningUntilCancelled() throws InterruptedException {
        String id = api.post("/v1/jobs", "{\"type\": \"test:block\"}").body().get("id").asString();
        assertThat(TestTaskHandlers.block(UUID.fromString(id)).started().await(20, TimeUnit.SECONDS)).isTrue();
        JsonNode running = api.get("/v1/jobs/" + id).body();
        assertThat(running.get("status").asString()).isEqualTo("RUNNING");
        assertThat(running.get("attempt").asInt()).isEqualTo(1);

        assertThat(api.post("/v1/jobs/" + id + "/cancel", "").body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(TestTaskHandlers.block(UUID.fromString(id)).ended().await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailingJobRetriesWithItsBackoffThenFailsAndARetryAfterTheFixSucceeds() {
        TestTaskHandlers.FAIL_ON.add(FLAKY);
        Response created = api.post("/v1/jobs", "{\"type\": \"test:flaky\", \"payload\": " + FLAKY
                + ", \"maxAttempts\": 2, \"backoff\": {\"initialSeconds\": 1, \"jitter\": \"NONE\"}}");
        String id = created.body().get("id").asString();
        JsonNode retrying = awaitStatus(id, "RETRYING").body();
        assertThat(retrying.get("attempt").asInt()).isEqualTo(1);
        JsonNode failed = awaitStatus(id, "FAILED").body();
        assertThat(failed.get("attempt").asInt()).isEqualTo(2);
        assertThat(failed.get("error").asString()).isEqualTo("Flaky.Error");

        TestTaskHandlers.FAIL_ON.remove(FLAKY);
        Response retried = api.post("/v1/jobs/" + id + "/retry", "");
        assertThat(retried.status()).isEqualTo(200);
        JsonNode done = awaitStatus(id, "SUCCEEDED").body();
        assertThat(done.get("result").toString()).isEqualTo(FLAKY);
        assertThat(done.get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void anAttemptLongerThanTimeoutSecondsFailsTheJobWithStatesTimeout() {
        String id = api.post("/v1/jobs", "{\"type\": \"test:block\", \"maxAttempts\": 1, \"timeoutSeconds\": 1}")
                .body().get("id").asString();
        JsonNode failed = awaitStatus(id, "FAILED").body();
        assertThat(failed.get("error").asString()).isEqualTo("States.Timeout");
        assertThat(failed.get("attempt").asInt()).isEqualTo(1);
        assertThat(failed.get("finishedAt")).isNotNull();
    }

    @Test
    void theRetryOptionsBecomeTheTasksRetryAndOneDefinitionServesEachShape() {
        String job = "{\"type\": \"stepwise:echo\", \"queue\": \"" + OTHER_QUEUE + "\", \"maxAttempts\": 5, \"backoff\":"
                + " {\"initialSeconds\": 2, \"rate\": 1.50, \"maxSeconds\": 30, \"jitter\": \"NONE\"},"
                + " \"timeoutSeconds\": 9}";
        String id = api.post("/v1/jobs", job).body().get("id").asString();
        api.post("/v1/jobs", job);
        api.post("/v1/jobs", job.replace("1.50", "1.5"));
        api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"queue\": \"" + OTHER_QUEUE + "\"}");

        String machine = api.get("/v1/executions/" + id).body().get("stateMachine").asString();
        JsonNode task = api.get("/v1/state-machines/" + machine).body().get("definition").get("States").get("Job");
        assertThat(task.get("Resource").asString()).isEqualTo("stepwise:echo");
        assertThat(task.get("TimeoutSeconds").asInt()).isEqualTo(9);
        JsonNode retry = task.get("Retry").get(0);
        assertThat(retry.get("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
        assertThat(retry.get("MaxAttempts").asInt()).isEqualTo(4);
        assertThat(retry.get("IntervalSeconds").asInt()).isEqualTo(2);
        assertThat(retry.get("BackoffRate").asDouble()).isEqualTo(1.5);
        assertThat(retry.get("MaxDelaySeconds").asInt()).isEqualTo(30);
        assertThat(retry.get("JitterStrategy").asString()).isEqualTo("NONE");

        // four jobs, two shapes: two generated definitions, none of them listed
        assertThat(jdbc.sql("SELECT count(*) FROM state_machine WHERE name LIKE 'job:%'").query(Long.class).single())
                .isEqualTo(2);
        api.put("/v1/state-machines/mine", io.stepwise.support.Asl.putBody(io.stepwise.support.Asl.task("stepwise:echo")));
        JsonNode listed = api.get("/v1/state-machines").body().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asString()).isEqualTo("mine");
    }

    @Test
    void aUniqueKeyAnswersWithTheUnfinishedJobThenFreesWhenItEnds() {
        String job = "{\"type\": \"test:block\", \"uniqueKey\": \"report-7\"}";
        Response first = api.post("/v1/jobs", job);
        assertThat(first.status()).isEqualTo(201);
        String id = first.body().get("id").asString();
        Response second = api.post("/v1/jobs", job);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("id").asString()).isEqualTo(id);
        assertThat(second.body().get("uniqueKey").asString()).isEqualTo("report-7");
        // the key is per type
        assertThat(api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"uniqueKey\": \"report-7\"}").status())
                .isEqualTo(201);

        api.post("/v1/jobs/" + id + "/cancel", "");
        Response third = api.post("/v1/jobs", job);
        assertThat(third.status()).isEqualTo(201);
        assertThat(third.body().get("id").asString()).isNotEqualTo(id);
        api.post("/v1/jobs/" + third.body().get("id").asString() + "/cancel", "");
    }

    @Test
    void aUniqueWindowKeepsTheKeyAfterTheJobEnded() {
        String job = "{\"type\": \"stepwise:echo\", \"uniqueKey\": \"daily-digest\", \"uniqueFor\": 3600}";
        String id = api.post("/v1/jobs", job).body().get("id").asString();
        awaitStatus(id, "SUCCEEDED");
        Response again = api.post("/v1/jobs", job);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asString()).isEqualTo(id);
        assertThat(again.body().get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aBatchIsAnsweredInOrderInOneTransaction() {
        Response batch = api.post("/v1/jobs/batch", "{\"jobs\": [{\"type\": \"stepwise:echo\", \"payload\": 1},"
                + " {\"type\": \"stepwise:echo\", \"uniqueKey\": \"k\", \"delaySeconds\": 600},"
                + " {\"type\": \"stepwise:echo\", \"uniqueKey\": \"k\", \"delaySeconds\": 600},"
                + " {\"type\": \"stepwise:echo\", \"delaySeconds\": 60}]}");
        assertThat(batch.status()).isEqualTo(200);
        JsonNode items = batch.body().get("items");
        assertThat(items).hasSize(4);
        List<Integer> statuses = new ArrayList<>();
        items.forEach(i -> statuses.add(i.get("status").asInt()));
        assertThat(statuses).containsExactly(201, 201, 200, 201);
        assertThat(items.get(2).get("job").get("id")).isEqualTo(items.get(1).get("job").get("id"));
        assertThat(items.get(0).get("job").get("payload").asInt()).isEqualTo(1);
        assertThat(items.get(3).get("job").get("status").asString()).isEqualTo("SCHEDULED");
    }

    /** A created job is answered from the submission itself (no read back): it must be what a read returns. */
    @Test
    void aSubmissionAnswersWithTheJobAsAReadReturnsIt() {
        String full = "{\"type\": \"stepwise:echo\", \"payload\": {\"b\": 1, \"a\": [2.50, \"x\"]}, \"queue\": \""
                + OTHER_QUEUE + "\", \"priority\": -3, \"runAt\": \"2030-01-01T00:00:00.123456789Z\","
                + " \"uniqueKey\": \"answer\", \"uniqueFor\": 60, \"maxAttempts\": 2}";
        Response created = api.post("/v1/jobs", full);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.body()).isEqualTo(api.get("/v1/jobs/" + id).body());
        assertThat(created.body().get("status").asString()).isEqualTo("SCHEDULED");
        Response again = api.post("/v1/jobs", full);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(created.body());

        Response defaults = api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"delaySeconds\": 600}");
        assertThat(defaults.body()).isEqualTo(api.get("/v1/jobs/" + defaults.body().get("id").asString()).body());
        assertThat(defaults.body().get("payload").toString()).isEqualTo("{}");

        JsonNode items = api.post("/v1/jobs/batch", "{\"jobs\": [" + full + ", {\"type\": \"test:block\","
                + " \"delaySeconds\": 600, \"payload\": [1]}, {\"type\": \"stepwise:echo\", \"uniqueKey\": \"fresh\","
                + " \"delaySeconds\": 600}]}").body().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("status").asInt()).isEqualTo(200);
        for (JsonNode item : items) {
            JsonNode job = item.get("job");
            assertThat(job).isEqualTo(api.get("/v1/jobs/" + job.get("id").asString()).body());
        }
    }

    @Test
    void aBadItemFailsTheWholeBatchPointingAtItsField() {
        Response bad = api.post("/v1/jobs/batch", "{\"jobs\": [{\"type\": \"stepwise:echo\"},"
                + " {\"type\": \"arn:aws:states:::dynamodb:query\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("pointer").asString()).isEqualTo("/jobs/1/type");
        Response badBackoff = api.post("/v1/jobs/batch", "{\"jobs\": [{\"type\": \"stepwise:echo\"},"
                + " {\"type\": \"stepwise:echo\"}, {\"type\": \"stepwise:echo\", \"backoff\": {\"jitter\": \"SOME\"}}]}");
        assertThat(badBackoff.status()).isEqualTo(400);
        assertThat(badBackoff.body().get("pointer").asString()).isEqualTo("/jobs/2/backoff/jitter");
        assertThat(jdbc.sql("SELECT count(*) FROM job").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM execution").query(Long.class).single()).isZero();
    }

    @Test
    void badInputIsA400PointingAtTheField() {
        assertPointer("{\"payload\": {}}", "/type");
        assertPointer("{\"type\": \"has space\"}", "/type");
        assertPointer("{\"type\": \"not-a-resource\"}", "/type");
        assertPointer("{\"type\": \"stepwise:echo\", \"runAt\": \"tomorrow\"}", "/runAt");
        assertPointer("{\"type\": \"stepwise:echo\", \"runAt\": \"2030-01-01T00:00:00Z\", \"delaySeconds\": 5}",
                "/delaySeconds");
        assertPointer("{\"type\": \"stepwise:echo\", \"uniqueFor\": 5}", "/uniqueFor");
        assertPointer("{\"type\": \"stepwise:echo\", \"maxAttempts\": 0}", "/maxAttempts");
        assertPointer("{\"type\": \"stepwise:echo\", \"backoff\": {\"rate\": 0.5}}", "/backoff/rate");
        assertPointer("{\"type\": \"stepwise:echo\", \"queue\": \"a b\"}", "/queue");
        assertPointer("{\"type\": \"stepwise:echo\", \"priority\": 101}", "/priority");
        assertPointer("{\"type\": \"stepwise:echo\", \"payload\": \"{not json\"}", "/payload");
        assertThat(api.get("/v1/jobs?status=DONE").body().get("parameter").asString()).isEqualTo("status");
        assertThat(api.get("/v1/jobs/0190a3a0-0000-7000-8000-000000000000").status()).isEqualTo(404);
        assertThat(api.post("/v1/jobs/0190a3a0-0000-7000-8000-000000000000/cancel", "").status()).isEqualTo(404);
        assertThat(api.post("/v1/jobs/0190a3a0-0000-7000-8000-000000000000/retry", "").status()).isEqualTo(404);
    }

    private void assertPointer(String body, String pointer) {
        Response response = api.post("/v1/jobs", body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.body().get("pointer").asString()).as(body).isEqualTo(pointer);
    }

    @Test
    void theListingFiltersAndPagesNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"delaySeconds\": 600, \"payload\": " + i + "}")
                    .body().get("id").asString());
        }
        Response otherQueue = api.post("/v1/jobs", "{\"type\": \"test:count\", \"queue\": \"" + OTHER_QUEUE
                + "\", \"priority\": 7}");
        assertThat(otherQueue.body().get("queue").asString()).isEqualTo(OTHER_QUEUE);
        assertThat(otherQueue.body().get("priority").asInt()).isEqualTo(7);
        String other = otherQueue.body().get("id").asString();
        awaitStatus(other, "SUCCEEDED");

        Response first = api.get("/v1/jobs?type=stepwise:echo&limit=3");
        assertThat(first.body().get("items")).hasSize(3);
        assertThat(first.body().get("items").get(0).get("id").asString()).isEqualTo(ids.get(4));
        Response rest = api.get("/v1/jobs?type=stepwise:echo&limit=3&cursor=" + first.body().get("nextCursor").asString());
        assertThat(rest.body().get("items")).hasSize(2);
        assertThat(rest.body().get("items").get(1).get("id").asString()).isEqualTo(ids.get(0));
        assertThat(rest.body().get("nextCursor").isNull()).isTrue();

        JsonNode succeeded = api.get("/v1/jobs?status=SUCCEEDED").body().get("items");
        assertThat(succeeded).hasSize(1);
        assertThat(succeeded.get(0).get("id").asString()).isEqualTo(other);
        assertThat(succeeded.get(0).get("queue").asString()).isEqualTo(OTHER_QUEUE);
        assertThat(api.get("/v1/jobs?queue=" + OTHER_QUEUE).body().get("items")).hasSize(1);
        assertThat(api.get("/v1/jobs?status=SCHEDULED").body().get("items")).hasSize(5);
        assertThat(api.get("/v1/jobs?cursor=bm9wZQ").status()).isEqualTo(400);
    }
}
