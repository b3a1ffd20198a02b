package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An idle worker sleeps until the next READY step falls due, not a whole poll interval, so a Wait
 * ends on time (issue 17). The poll interval here is 5 s: waking only at polls, a 2 s Wait would end up
 * to 5 s late.
 */
class TimersOnTimeTest {

    private static final int EXECUTIONS = 50;

    @Test
    void waitsEndWithinAFractionOfThePollInterval() {
        TestDatabase db = TestDatabase.get().isolated("timers_on_time_test");
        JdbcClient sql = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        try (ConfigurableApplicationContext engine = Replicas.start(db, "stepwise.worker.poll-interval=5s")) {
            engine.getBean(StateMachines.class).register("nap", Json.parse("""
                    {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 2, "End": true}}}"""), null);
            List<Executions.StartRequest> starts = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                starts.add(new Executions.StartRequest("nap", null, null, Json.parse("{}")));
            }
            engine.getBean(Executions.class).startAll(starts);
            Eventually.await(Duration.ofSeconds(60), () -> sql.sql(
                    "SELECT count(*) FROM execution WHERE status = 'SUCCEEDED'").query(Integer.class).single(),
                    n -> n == EXECUTIONS);

            // lateness: when the Wait was left, against when it was entered plus its 2 s (the rows' times)
            List<Long> lateMillis = sql.sql("""
                    SELECT (extract(epoch FROM max(h.recorded_at) FILTER (WHERE e->>'t' = 'WaitStateExited')
                            - min(h.recorded_at) FILTER (WHERE e->>'t' = 'WaitStateEntered')) * 1000)::bigint - 2000
                    FROM history h, json_array_elements(h.events) e GROUP BY h.execution_id ORDER BY 1""")
                    .query(Long.class).list();
            System.out.printf("Wait 2 s, %d executions, poll interval 5 s: lateness p50 %d ms, max %d ms%n",
                    lateMillis.size(), lateMillis.get(lateMillis.size() / 2), lateMillis.getLast());
            assertThat(lateMillis).hasSize(EXECUTIONS);
            assertThat(lateMillis.getLast()).as("the latest Wait's lateness, ms").isLessThan(1_000);
        }
    }
}
