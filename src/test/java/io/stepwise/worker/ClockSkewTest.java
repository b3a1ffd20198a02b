package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stepwise.asl.Json;
import io.stepwise.store.DatabaseClock;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import io.stepwise.support.TestTaskHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two replicas whose clocks disagree by 30 s (issue 16). Leases, timers and timeouts are judged by the
 * database's clock, so the replica running fast (here the maintenance leader, which rescues expired
 * leases) neither steals the other's live leases nor fires its timers early. With a plain skewed clock
 * instead of {@link DatabaseClock} this test fails: Waits scheduled by the slow replica fire at once and
 * the fast leader rescues steps whose leases are alive.
 */
class ClockSkewTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final int EXECUTIONS = 40;

    /** The fast replica's clock: 30 s ahead of everyone's, read through the database's. */
    static class FastClock {
        @Bean
        @Primary
        Clock fastClock(DataSource dataSource) {
            return new DatabaseClock(Clock.offset(Clock.systemUTC(), SKEW), JdbcClient.create(dataSource),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void aReplicaWhoseClockRunsFastNeitherStealsLeasesNorFiresTimersEarly() {
        TestDatabase db = TestDatabase.get().isolated("clock_skew_test");
        TestTaskHandlers.RUNS.clear();
        try (ConfigurableApplicationContext slow = engine(db, List.of(), "false");
                ConfigurableApplicationContext fast = engine(db, List.of(FastClock.class), "true")) {
            DatabaseClock fastClock = (DatabaseClock) fast.getBean(Clock.class);
            assertThat(fastClock.offset().toMillis()).isCloseTo(-SKEW.toMillis(), within(1_000L));

            slow.getBean(StateMachines.class).register("skew", Json.parse("""
                    {"StartAt": "Pause", "States": {
                      "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Count"},
                      "Count": {"Type": "Task", "Resource": "test:count", "Next": "Nap"},
                      "Nap": {"Type": "Task", "Resource": "stepwise:sleep", "Parameters": {"millis": 3000},
                              "End": true}}}"""), null);
            List<Executions.StartRequest> starts = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                starts.add(new Executions.StartRequest("skew", null, null, Json.parse("{\"n\": " + i + "}")));
            }
            JdbcClient sql = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
            long started = System.nanoTime();
            slow.getBean(Executions.class).startAll(starts);

            // the first Count runs only once the Wait's 5 s have passed, whichever replica holds the timer
            Eventually.await(Duration.ofSeconds(60), TestTaskHandlers.RUNS::size, n -> n > 0);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
            Eventually.await(Duration.ofMinutes(2), () -> sql.sql(
                    "SELECT count(*) FROM execution WHERE status = 'SUCCEEDED'").query(Integer.class).single(),
                    n -> n == EXECUTIONS);
            // no live lease was rescued: every Count ran once (a rescued step would have run it again)
            assertThat(TestTaskHandlers.RUNS).hasSize(EXECUTIONS);
            assertThat(TestTaskHandlers.RUNS.values()).allMatch(runs -> runs.get() == 1);
            assertThat(slow.getBean(StepPoller.class).claimed()).isPositive();
            assertThat(fast.getBean(StepPoller.class).claimed()).isPositive();
        }
    }

    private static ConfigurableApplicationContext engine(TestDatabase db, List<Class<?>> sources, String maintenance) {
        return Replicas.start(db, sources, "stepwise.worker.slots=16", "stepwise.worker.lease=5s",
                "stepwise.worker.poll-interval=200ms", "stepwise.maintenance.enabled=" + maintenance);
    }
}
