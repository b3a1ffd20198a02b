package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachineDefinitions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Eventually;
import io.stepwise.support.ReplicaKillSwitch;
import io.stepwise.support.Replicas;
import io.stepwise.support.StepTable;
import io.stepwise.support.Tables;
import io.stepwise.support.TestDatabase;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signature test: three engine instances (separate worker pools, one database) share 10,000
 * executions; every transition commits exactly once. Its chaos twin kills one instance mid-run: cut
 * off from the database ({@link ReplicaKillSwitch}), it commits, renews and releases nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final String FIVE_STATES = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Next": "First"},
              "First": {"Type": "Task", "Resource": "test:count", "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 0,
                        "Next": "Second"}], "Default": "Second"},
              "Second": {"Type": "Task", "Resource": "test:count", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    private final List<ConfigurableApplicationContext> engines = new ArrayList<>();
    private JdbcClient jdbc;

    @BeforeAll
    void startThreeEngines() {
        // a database of their own: other test contexts of this JVM would otherwise take their work
        TestDatabase db = TestDatabase.get().isolated("cluster_test");
        for (int i = 0; i < 3; i++) {
            engines.add(Replicas.start(db, List.of(ReplicaKillSwitch.class), "stepwise.worker.slots=16",
                    "stepwise.worker.lease=3s", "stepwise.worker.poll-interval=200ms",
                    "spring.datasource.hikari.maximum-pool-size=12"));
        }
        jdbc = engines.getFirst().getBean(JdbcClient.class);
    }

    @BeforeEach
    void emptyTables() {
        Tables.truncate(jdbc);
        engines.forEach(engine -> engine.getBean(StateMachineDefinitions.class).forgetAll());
        TestTaskHandlers.RUNS.clear();
    }

    @AfterAll
    void stopEngines() {
        engines.forEach(ConfigurableApplicationContext::close);
    }

    private void submit(int executions) {
        submit(executions, FIVE_STATES);
    }

    private void submit(int executions, String definition) {
        engines.getFirst().getBean(StateMachines.class).register("five", Json.parse(definition), null);
        Executions starter = engines.getFirst().getBean(Executions.class);
        AtomicInteger next = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < executions; i = next.getAndIncrement()) {
                        starter.start("five", null, "e" + i, Json.parse("{\"n\": " + i + "}"));
                    }
                });
            }
        }
    }

    private int succeeded() {
        return jdbc.sql("SELECT count(*) FROM execution WHERE status = 'SUCCEEDED'").query(Integer.class).single();
    }

    private void assertEveryTransitionCommittedOnce(int executions) {
        assertThat(jdbc.sql("SELECT count(*) FROM execution WHERE status <> 'SUCCEEDED'").query(Integer.class)
                .single()).isZero();
        // five states, each entered and exited exactly once per execution: no transition applied twice
        // (events as stored: {"t": type, "name": ...}, see store.HistoryFormat)
        List<String> wrong = jdbc.sql("""
                SELECT format('%s %s %s x%s', h.execution_id, e->>'t', e->>'name', count(*))
                FROM history h, json_array_elements(h.events) e
                WHERE (e->>'t') LIKE '%StateEntered' OR (e->>'t') LIKE '%StateExited'
                GROUP BY h.execution_id, e->>'t', e->>'name' HAVING count(*) <> 1""")
                .query(String.class).list();
        assertThat(wrong).isEmpty();
        int entered = jdbc.sql("""
                SELECT count(*) FROM history h, json_array_elements(h.events) e
                WHERE (e->>'t') LIKE '%StateEntered'""").query(Integer.class).single();
        assertThat(entered).isEqualTo(executions * 5);
        assertThat(new StepTable(jdbc).count()).isZero();
    }

    @Test
    @Order(1)
    void threeEnginesRunTenThousandExecutionsEachTransitionOnce() {
        int executions = 10_000;
        submit(executions);
        Eventually.await(Duration.ofMinutes(4), this::succeeded, n -> n == executions);
        assertEveryTransitionCommittedOnce(executions);
        // each handler ran once per (execution, state, attempt)
        assertThat(TestTaskHandlers.RUNS).hasSize(executions * 2);
        assertThat(TestTaskHandlers.RUNS.values()).allMatch(runs -> runs.get() == 1);
        // the work spread over the three instances
        assertThat(engines).allMatch(engine -> engine.getBean(StepPoller.class).claimed() > 0);
    }

    /** Runs last: it leaves one engine dead. */
    @Test
    @Order(2)
    void whenOneEngineDiesItsStepsAreRescuedAndRunAgainButCommitOnce() {
        int executions = 2_000;
        // the second task takes a while, so every engine always has steps in flight
        submit(executions, FIVE_STATES.replace("\"Resource\": \"test:count\", \"Next\": \"Done\"",
                "\"Resource\": \"stepwise:sleep\", \"Parameters\": {\"millis\": 200}, \"Next\": \"Done\""));
        Eventually.await(Duration.ofMinutes(2), this::succeeded, n -> n >= executions / 4);
        ConfigurableApplicationContext victim = engines.get(1);
        InFlightSteps dying = victim.getBean(InFlightSteps.class);
        Eventually.await(Duration.ofSeconds(30), dying::size, n -> n > 0);
        victim.getBean(ReplicaKillSwitch.class).kill();
        System.out.printf("halted an engine with %d steps in flight, %d succeeded so far%n", dying.size(), succeeded());
        Eventually.await(Duration.ofMinutes(5), this::succeeded, n -> n == executions);
        assertEveryTransitionCommittedOnce(executions);
        // the victim's in-flight handlers ran, their completions were dropped, and rescue ran them again
        long ranTwice = TestTaskHandlers.RUNS.values().stream().filter(r -> r.get() == 2).count();
        assertThat(TestTaskHandlers.RUNS.values()).allMatch(runs -> runs.get() <= 2);
        assertThat(ranTwice).as("steps rescued from the dead engine ran again").isPositive();
        assertThat(IntStream.of(0, 2).mapToLong(i -> engines.get(i).getBean(StepPoller.class).claimed()).sum())
                .isPositive();
    }
}
