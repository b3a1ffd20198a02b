package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Eventually;
import io.stepwise.support.FaultWorkload;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Connections killed under a replica, again and again, while it runs executions with Tasks, Waits and
 * a Map (issue 16): every execution still succeeds and no state is entered twice. A killed commit is an
 * infrastructure error, so its step goes back through its lease instead of failing the workflow.
 */
class ConnectionsKilledTest {

    private static final String APP = "stepwise-chaos";
    private static final int EXECUTIONS = 300;


    @Test
    void everyExecutionSucceedsOnceWhileTheReplicasConnectionsAreKilled() throws Exception {
        TestDatabase db = TestDatabase.get().isolated("connections_killed_test");
        JdbcClient sql = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        try (var engine = Replicas.start(db, "spring.datasource.hikari.data-source-properties.ApplicationName=" + APP,
                "spring.datasource.hikari.maximum-pool-size=8", "stepwise.worker.slots=64", "stepwise.worker.lease=3s",
                "stepwise.worker.poll-interval=200ms", "logging.level.root=ERROR")) {
            String name = "chaos-" + System.nanoTime();
            engine.getBean(StateMachines.class).register(name, Json.parse(FaultWorkload.machine(20)), null);
            List<Executions.StartRequest> starts = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                starts.add(new Executions.StartRequest(name, null, null, Json.parse("{\"items\": [1, 2, 3]}")));
            }
            engine.getBean(Executions.class).startAll(starts);

            // a storm: every connection of the replica killed every 250 ms for 20 s; then it must recover
            AtomicInteger killed = new AtomicInteger();
            long stormEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < stormEnds && finished(sql, name) < EXECUTIONS) {
                killed.addAndGet(sql.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = ?").param(APP).query(Integer.class).single());
                Thread.sleep(250); // the fault's own rhythm, not a wait for a result
            }
            int afterStorm = finished(sql, name);
            try {
                Eventually.await(Duration.ofMinutes(2), () -> finished(sql, name), n -> n == EXECUTIONS);
            } catch (AssertionError stuck) {
                throw new AssertionError(stuck.getMessage() + "; " + afterStorm + " had finished when the storm ended;"
                        + " steps left: " + sql.sql("""
                        SELECT string_agg(format('%s/%s/%s lease %s', status, kind, state_name,
                                                 coalesce((lease_expires_at < now())::text, '-')), ', ')
                        FROM (SELECT s.* FROM step s JOIN execution x ON x.id = s.execution_id
                              WHERE x.state_machine_name = ? LIMIT 20) s""").param(name).query(String.class)
                        .single(), stuck);
            }

            System.out.printf("killed %d connections while %d executions ran%n", killed.get(), EXECUTIONS);
            assertThat(killed.get()).as("connections were killed during the run").isGreaterThan(10);
            assertThat(sql.sql("SELECT count(*) FROM execution WHERE state_machine_name = ? AND status <> 'SUCCEEDED'")
                    .param(name).query(Integer.class).single()).isZero();
            List<String> wrong = FaultWorkload.statesEnteredOtherThanOnce(sql, name, 3);
            assertThat(wrong).isEmpty();
        }
    }

    private static int finished(JdbcClient sql, String name) {
        return sql.sql("SELECT count(*) FROM execution WHERE state_machine_name = ? AND status <> 'RUNNING'")
                .param(name).query(Integer.class).single();
    }
}
