package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A transaction left open elsewhere holds back vacuum (its snapshot keeps every dead row version
 * visible) while the queue churns (issue 16): work must go on, and once that transaction ends the rate
 * must come back. The rates are printed for docs/reliability.md, not asserted: they are measurements.
 */
class LongTransactionTest {

    private static final int BATCH = 1000;
    private static final int ROUNDS = 3;

    @Test
    void workGoesOnWhileALongTransactionHoldsBackVacuumAndRecoversAfter() throws Exception {
        TestDatabase db = TestDatabase.get().isolated("long_transaction_test");
        JdbcClient sql = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        try (ConfigurableApplicationContext engine = Replicas.start(db)) {
            engine.getBean(StateMachines.class).register("churn", Json.parse(Asl.task("stepwise:echo")), null);
            Executions executions = engine.getBean(Executions.class);
            List<String> rates = new ArrayList<>();
            rates.add("before: " + drain(executions, sql, "before"));
            try (Connection holder = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                holder.setAutoCommit(false);
                holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                holder.createStatement().executeQuery("SELECT count(*) FROM execution").close(); // takes the snapshot
                for (int round = 0; round < ROUNDS; round++) {
                    rates.add("held " + round + ": " + drain(executions, sql, "held-" + round));
                }
                assertThat(sql.sql("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'")
                        .query(Integer.class).single()).as("the snapshot was held throughout").isPositive();
                holder.rollback();
            }
            for (int round = 0; round < ROUNDS; round++) {
                rates.add("after " + round + ": " + drain(executions, sql, "after-" + round));
            }
            System.out.println("executions/s with a long transaction open elsewhere: " + String.join(", ", rates));
            assertThat(sql.sql("SELECT count(*) FROM execution WHERE status <> 'SUCCEEDED'").query(Integer.class)
                    .single()).isZero();
        }
    }

    /** Starts a batch and waits for all of it: executions per second, from start to the last finish. */
    private static long drain(Executions executions, JdbcClient sql, String prefix) {
        List<Executions.StartRequest> starts = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            starts.add(new Executions.StartRequest("churn", null, prefix + "-" + i, Json.parse("{}")));
        }
        long started = System.nanoTime();
        executions.startAll(starts);
        Eventually.await(Duration.ofMinutes(2), () -> sql.sql(
                "SELECT count(*) FROM execution WHERE name LIKE ? AND status <> 'RUNNING'")
                .param(prefix + "-%").query(Integer.class).single(), n -> n == BATCH);
        return Math.round(BATCH / (Math.max(1, System.nanoTime() - started) / 1e9));
    }
}
