package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.Executions;
import io.stepwise.store.Placement;
import io.stepwise.store.QueueView;
import io.stepwise.store.Queues;
import io.stepwise.store.StateMachineDefinitions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.Tables;
import io.stepwise.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queue limits hold across replicas because the database holds them: three replicas on one database
 * (the third serves every queue but {@code b}) run test:probe tasks, which record how many runs of a
 * queue were inside a handler at once across the JVM, and when each run began.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueLimitsTest {

    private static final Logger log = LoggerFactory.getLogger(QueueLimitsTest.class);
    private static final String PROBE = Asl.task("test:probe");

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private JdbcClient jdbc;
    private Executions executions;
    private Queues queues;

    @BeforeAll
    void startThreeReplicas() {
        TestDatabase db = TestDatabase.get().isolated("queue_limits_test");
        for (int i = 0; i < 3; i++) {
            List<String> settings = new ArrayList<>(List.of("stepwise.worker.slots=16",
                    "stepwise.worker.poll-interval=200ms", "spring.datasource.hikari.maximum-pool-size=8",
                    "queue-probe.replica=r" + i));
            if (i == 2) {
                settings.add("stepwise.worker.queues=a,narrow,slow,held,open,ordered");
            }
            replicas.add(Replicas.start(db, settings.toArray(String[]::new)));
        }
        jdbc = replicas.getFirst().getBean(JdbcClient.class);
        executions = replicas.getFirst().getBean(Executions.class);
        queues = replicas.getFirst().getBean(Queues.class);
    }

    @BeforeEach
    void emptyTables() {
        Tables.truncate(jdbc);
        replicas.forEach(replica -> replica.getBean(StateMachineDefinitions.class).forgetAll());
        replicas.getFirst().getBean(StateMachines.class).register("probe", PROBE, null);
        QueueProbe.reset();
    }

    @AfterAll
    void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void runningStepsOfAQueueNeverExceedItsConcurrencyOnAnyNumberOfReplicas() {
        queues.put("narrow", new Queues.Settings(4, null, null));

        List<UUID> ids = start("narrow", 0, 90, 20);

        awaitSucceeded(ids);
        log.info("concurrency 4: at most {} runs at once across replicas", QueueProbe.highWater("narrow"));
        assertThat(QueueProbe.entries("narrow")).hasSize(90);
        assertThat(QueueProbe.highWater("narrow")).as("runs of the queue at once, across replicas").isBetween(2, 4);
        assertThat(QueueProbe.entries("narrow")).extracting(QueueProbe.Entry::replica).as("work spread").contains("r2");
    }

    @Test
    void aRateLimitHoldsWithinTenPercentOverThirtySeconds() {
        int perSecond = 20;
        queues.put("slow", new Queues.Settings(null, new QueueView.RateLimit(perSecond, 1), null));

        start("slow", 0, 40 * perSecond, 0);

        List<QueueProbe.Entry> entries = QueueProbe.entries("slow");
        Eventually.await(Duration.ofSeconds(20), entries::size, n -> n > 0);
        long first = entries.getFirst().nanos();
        long window = Duration.ofSeconds(30).toNanos();
        // runs keep beginning at the limited rate: wait for the first one past the window
        Eventually.await(Duration.ofSeconds(45), () -> entries.getLast().nanos() - first, elapsed -> elapsed >= window);
        long inWindow = entries.stream().filter(e -> e.nanos() - first < window).count();
        log.info("rate limit {}/s: {} claims in the first 30 s", perSecond, inWindow);
        // the bucket starts full (one period's worth), then refills at the rate: 30 s ~ 600 + 20
        assertThat(inWindow).as("claims in 30 s at %d/s", perSecond).isBetween(540L, 660L);
        assertThat(entries).extracting(QueueProbe.Entry::replica).as("every replica took its turn")
                .contains("r0", "r1", "r2");
        queues.pause("slow");
    }

    @Test
    void aPausedQueueIsNotClaimedUntilItIsResumed() {
        queues.pause("held");

        List<UUID> held = start("held", 0, 5, 0);
        List<UUID> open = start("open", 0, 5, 0);

        // the open queue's runs show the pollers went round after the held queue's steps were ready
        awaitSucceeded(open);
        assertThat(QueueProbe.entries("held")).isEmpty();
        assertThat(queues.find("held").orElseThrow().counts().available()).isEqualTo(5);
        assertThat(queues.find("held").orElseThrow().paused()).isTrue();

        queues.resume("held");

        awaitSucceeded(held);
        assertThat(QueueProbe.entries("held")).hasSize(5);
    }

    @Test
    void higherPrioritiesAreClaimedFirst() {
        // one at a time and all ready before the first claim, so the order of the runs is the claims' order
        queues.put("ordered", new Queues.Settings(1, null, true));
        List<Integer> priorities = new ArrayList<>(IntStream.rangeClosed(-6, 6).map(p -> p * 15).boxed().toList());
        Collections.shuffle(priorities, new Random(14));
        List<UUID> ids = new ArrayList<>();
        for (int priority : priorities) {
            ids.addAll(start("ordered", priority, 1, 0));
        }

        queues.resume("ordered");

        awaitSucceeded(ids);
        List<Integer> order = QueueProbe.entries("ordered").stream().map(QueueProbe.Entry::priority).toList();
        assertThat(order).isSortedAccordingTo(Collections.reverseOrder()).hasSize(priorities.size());
    }

    @Test
    void aReplicaDedicatedToSomeQueuesNeverRunsAnotherQueuesSteps() {
        List<UUID> ids = new ArrayList<>(start("a", 0, 60, 5));
        ids.addAll(start("b", 0, 60, 5));

        awaitSucceeded(ids);
        assertThat(QueueProbe.entries("b")).hasSize(60).extracting(QueueProbe.Entry::replica).doesNotContain("r2");
        assertThat(QueueProbe.entries("a")).hasSize(60);
    }

    private List<UUID> start(String queue, int priority, int count, int workMillis) {
        List<Executions.StartRequest> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var input = Json.NODES.objectNode().put("q", queue).put("p", priority).put("ms", workMillis).put("i", i);
            starts.add(new Executions.StartRequest("probe", null, null, input, new Placement(queue, priority)));
        }
        return executions.startAll(starts).stream().map(r -> r.start().execution().id()).toList();
    }

    private void awaitSucceeded(List<UUID> ids) {
        for (UUID id : ids) {
            var status = Eventually.await(Duration.ofSeconds(60),
                    () -> executions.find(id).orElseThrow().status(), ExecutionStatus::isFinished);
            assertThat(status).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }
}
