package io.stepwise.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code stepwise.submit_jobs} (V17), the one set-based submission both doors use: unique keys repeated
 * inside a batch, keys held by earlier jobs, bad arguments, and batches sharing keys at the same moment.
 */
class JobBatchesTest extends IntegrationTest {

    /** Three jobs of a type, all due in an hour (no worker takes them): n, job_id, created, queue, priority, payload, status. */
    private List<Map<String, Object>> submit(String uniqueKeys, String priorities) {
        return submit("stepwise:echo", uniqueKeys, priorities, "now() + interval '1 hour'");
    }

    private List<Map<String, Object>> submit(String type, String uniqueKeys, String priorities, String runAt) {
        return jdbc.sql("SELECT n, job_id, created, queue, priority, payload::text AS payload, status"
                + " FROM stepwise.submit_jobs(now(), array_fill(CAST(? AS text), ARRAY[3]), NULL, NULL,"
                + " CAST(" + priorities + " AS integer[]), array_fill(" + runAt + ", ARRAY[3]),"
                + " CAST(" + uniqueKeys + " AS text[]), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")
                .param(type).query().listOfRows();
    }

    private static Object id(Map<String, Object> row) {
        return row.get("job_id");
    }

    @Test
    void aKeyRepeatedInOneBatchAnswersWithTheJobItsFirstSubmissionCreated() {
        List<Map<String, Object>> rows = submit("ARRAY['k', NULL, 'k']", "NULL");
        assertThat(rows).extracting(r -> r.get("n")).containsExactly(1, 2, 3);
        assertThat(rows).extracting(r -> r.get("created")).containsExactly(true, true, false);
        assertThat(id(rows.get(2))).isEqualTo(id(rows.get(0)));
        assertThat(id(rows.get(1))).isNotEqualTo(id(rows.get(0)));
        // a created job as created (defaults applied); a found one is left to be read
        assertThat(rows.get(0)).containsEntry("queue", "default").containsEntry("priority", 0)
                .containsEntry("payload", "{}").containsEntry("status", "SCHEDULED");
        assertThat(rows.get(2)).containsEntry("queue", null).containsEntry("status", null);
        assertThat(jdbc.sql("SELECT count(*) FROM job").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM step").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM state_machine").query(Long.class).single()).isEqualTo(1);
    }

    /** A held key answers its holder; once released (the holder ended, its runAt passed), the batch's first job with it takes it. */
    @Test
    void aHeldKeyAnswersItsHolderAndAReleasedOneGoesToTheBatchsFirstJobWithIt() {
        // test:block runs until cancelled, so the holder is unfinished until the test ends it
        List<Map<String, Object>> blocking = submit("test:block", "ARRAY['held']", "NULL", "now()");
        Object holder = id(blocking.getFirst());
        String later = "now() + interval '1 hour'";
        List<Map<String, Object>> again = submit("test:block", "ARRAY['held', 'held', 'other']", "NULL", later);
        assertThat(again).extracting(r -> r.get("created")).containsExactly(false, false, true);
        assertThat(again).extracting(JobBatchesTest::id).startsWith(holder, holder);

        assertThat(api.post("/v1/jobs/" + holder + "/cancel", "").status()).isEqualTo(200);
        List<Map<String, Object>> afterCancel = submit("test:block", "ARRAY['held', 'held']", "NULL", later);
        assertThat(afterCancel).extracting(r -> r.get("created")).containsExactly(true, false, true);
        assertThat(id(afterCancel.get(0))).isNotEqualTo(holder).isEqualTo(id(afterCancel.get(1)));
        assertThat(jdbc.sql("SELECT execution_id FROM job_unique_key WHERE unique_key = 'held'").query(UUID.class)
                .single()).isEqualTo(id(afterCancel.get(0)));
        blocking.stream().skip(1).forEach(job -> api.post("/v1/jobs/" + id(job) + "/cancel", ""));
    }

    @Test
    void aBadArgumentNamesTheJobAndNothingIsWritten() {
        assertThatThrownBy(() -> submit("NULL", "ARRAY[0, 0, 101]"))
                .hasMessageContaining("job 3: priority must be between -100 and 100")
                .rootCause().isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("22023"));
        assertThat(jdbc.sql("SELECT count(*) FROM execution").query(Long.class).single()).isZero();
    }

    /**
     * Two batches with the same keys in opposite orders, at once, many times: each key makes one job, both
     * batches answer with it, and no deadlock (the keys are taken in key order, whatever the request's).
     */
    @Test
    void batchesSharingKeysInOppositeOrdersCreateOneJobPerKey() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<String> keys = List.of("a-" + round, "b-" + round, "c-" + round);
            List<JsonNode> answers = submitTogether(batch(keys), batch(keys.reversed()));
            List<String> forward = ids(answers.get(0));
            List<String> backward = ids(answers.get(1)).reversed();
            assertThat(forward).as("round " + round).isEqualTo(backward).doesNotHaveDuplicates();
            List<Integer> statuses = new ArrayList<>();
            answers.forEach(a -> a.get("items").forEach(i -> statuses.add(i.get("status").asInt())));
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(keys.size());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM job").query(Long.class).single()).isEqualTo(30);
    }

    private static String batch(List<String> keys) {
        StringBuilder body = new StringBuilder("{\"jobs\": [");
        for (String key : keys) {
            body.append(body.length() > 10 ? ", " : "").append("{\"type\": \"stepwise:echo\", \"delaySeconds\": 600,")
                    .append(" \"uniqueKey\": \"").append(key).append("\"}");
        }
        return body.append("]}").toString();
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(i -> ids.add(i.get("job").get("id").asString()));
        return ids;
    }

    private List<JsonNode> submitTogether(String... bodies) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(bodies.length)) {
            List<Future<Response>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(threads.submit(() -> {
                    gate.await();
                    return api.post("/v1/jobs/batch", body);
                }));
            }
            gate.countDown();
            List<JsonNode> answers = new ArrayList<>();
            for (Future<Response> f : sent) {
                Response response = f.get();
                assertThat(response.status()).as(response.raw()).isEqualTo(200);
                answers.add(response.body());
            }
            return answers;
        }
    }
}
