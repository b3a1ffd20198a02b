package io.stepwise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Unique keys are kept by the database, not by a JVM: 20 threads submitting the same unique job over HTTP
 * to three replicas at once create exactly one job. The replicas serve only the default queue, so a due
 * job on another queue stays AVAILABLE: the job status no other test can hold still.
 */
class UniqueJobsAcrossReplicasTest {

    private static final int SUBMITTERS = 20;
    private static final String PARKED = "parked";

    private static final List<ConfigurableApplicationContext> REPLICAS = new ArrayList<>();
    private static final List<Api> APIS = new ArrayList<>();
    private static JdbcClient jdbc;

    @BeforeAll
    static void startThreeReplicas() {
        TestDatabase db = TestDatabase.get().isolated("jobs_unique");
        for (int i = 0; i < 3; i++) {
            var replica = Replicas.start(db, "spring.main.web-application-type=servlet", "server.port=0",
                    "stepwise.worker.queues=default");
            REPLICAS.add(replica);
            APIS.add(new Api("http://localhost:" + replica.getEnvironment().getProperty("local.server.port")));
        }
        jdbc = REPLICAS.getFirst().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopReplicas() {
        REPLICAS.forEach(ConfigurableApplicationContext::close);
    }

    /** Every submitter's answer, all started at once. */
    private static List<Api.Response> submitTogether(String body) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ConcurrentLinkedQueue<Api.Response> answers = new ConcurrentLinkedQueue<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(SUBMITTERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < SUBMITTERS; i++) {
                Api api = APIS.get(i % APIS.size());
                done.add(threads.submit(() -> {
                    gate.await();
                    answers.add(api.post("/v1/jobs", body));
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        return List.copyOf(answers);
    }

    @Test
    void twentySubmittersOnThreeReplicasCreateOneJobPerUniqueKey() throws Exception {
        for (int round = 0; round < 3; round++) {
            String key = "nightly-" + round;
            List<Api.Response> answers = submitTogether("{\"type\": \"stepwise:echo\", \"queue\": \"" + PARKED
                    + "\", \"uniqueKey\": \"" + key + "\", \"payload\": {\"round\": " + round + "}}");
            assertThat(answers).extracting(Api.Response::status).filteredOn(s -> s == 201).hasSize(1);
            assertThat(answers).extracting(Api.Response::status).filteredOn(s -> s == 200).hasSize(SUBMITTERS - 1);
            assertThat(answers).extracting(r -> r.body().get("id").asString()).containsOnly(
                    answers.getFirst().body().get("id").asString());
            assertThat(jdbc.sql("SELECT count(*) FROM job WHERE unique_key = ?").param(key).query(Long.class).single())
                    .isEqualTo(1);
            // due, on a queue no replica serves: nobody took it
            assertThat(answers.getFirst().body().get("status").asString()).isEqualTo("AVAILABLE");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM job WHERE unique_key LIKE 'nightly-%'").query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void onceTheHolderEndedTheNextRushCreatesExactlyOneNewJob() throws Exception {
        String body = "{\"type\": \"stepwise:echo\", \"queue\": \"" + PARKED + "\", \"uniqueKey\": \"again\"}";
        String first = submitTogether(body).getFirst().body().get("id").asString();
        assertThat(APIS.get(1).post("/v1/jobs/" + first + "/cancel", "").status()).isEqualTo(200);

        List<Api.Response> answers = submitTogether(body);
        assertThat(answers).extracting(Api.Response::status).filteredOn(s -> s == 201).hasSize(1);
        assertThat(answers).extracting(r -> r.body().get("id").asString()).doesNotContain(first).containsOnly(
                answers.getFirst().body().get("id").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM job WHERE unique_key = 'again'").query(Long.class).single())
                .isEqualTo(2);
    }
}
