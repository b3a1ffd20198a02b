package io.stepwise.deploy;

import static io.stepwise.deploy.HelmChart.at;
import static io.stepwise.deploy.HelmChart.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chart's KEDA query, taken from the rendered ScaledObject, against the real schema: it counts the
 * due READY steps of the default queue (what a claim would take), stops at its cap, and PostgreSQL
 * answers it from the claim's index (step_ready_idx), not by scanning the table.
 */
class KedaQueryTest {

    static final String QUERY_PREFIX =
            "SELECT count(*) FROM (SELECT 1 FROM step WHERE status = 'READY' AND queue = 'default' AND run_at <= now() ";

    private static JdbcClient jdbc;

    @BeforeAll
    static void backlog() {
        TestDatabase db = TestDatabase.get().isolated("keda_query");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration").load()
                .migrate();
        jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        // many rows the query must not look at: waiting parents, running and kept steps, timers, another queue
        insert(20_000, "WAITING", "default", "now()");
        insert(3_000, "SUCCEEDED", "default", "now() - interval '1 hour'");
        jdbc.sql("""
                INSERT INTO step (execution_id, queue, status, state_name, input, run_at, created_at, lease_owner,
                                  lease_token, lease_expires_at)
                SELECT gen_random_uuid(), 'default', 'RUNNING', 'S', '{}', now(), now(), 'r', gen_random_uuid(),
                       now() + interval '1 minute'
                FROM generate_series(1, 500)""").update();
        insert(11, "READY", "default", "now() + interval '1 hour'");
        insert(5, "READY", "other", "now() - interval '1 minute'");
        // what a worker could claim now
        insert(37, "READY", "default", "now() - interval '1 minute'");
        jdbc.sql("VACUUM ANALYZE step").update();
    }

    private static void insert(int rows, String status, String queue, String runAt) {
        jdbc.sql("INSERT INTO step (execution_id, queue, status, state_name, input, run_at, created_at) "
                        + "SELECT gen_random_uuid(), :queue, :status, 'S', '{}', " + runAt + ", now() "
                        + "FROM generate_series(1, :rows)")
                .param("queue", queue).param("status", status).param("rows", rows).update();
    }

    private static String chartQuery(Object... values) {
        return (String) at(HelmChart.render(values(values)).one("ScaledObject", HelmChart.RELEASE + "-stepwise"),
                "spec", "triggers", 0, "metadata", "query");
    }

    @Test
    void countsDueReadyStepsOfTheDefaultQueue() {
        String query = chartQuery("keda.enabled", true);
        assertThat(query).startsWith(QUERY_PREFIX);
        assertThat(jdbc.sql(query).query(Long.class).single()).isEqualTo(37L);
    }

    @Test
    void stopsCountingAtMaxReplicasTimesTheTarget() {
        String query = chartQuery("keda.enabled", true, "keda.maxReplicas", 2, "keda.readyStepsPerReplica", 10);
        assertThat(query).endsWith("LIMIT 20) AS due");
        assertThat(jdbc.sql(query).query(Long.class).single()).isEqualTo(20L);
    }

    @Test
    void isAnsweredFromTheClaimsIndex() {
        String query = chartQuery("keda.enabled", true);
        List<String> plan = jdbc.sql("EXPLAIN " + query).query(String.class).list();
        String text = String.join("\n", plan);
        assertThat(text).as(text).contains("using step_ready_idx on step").doesNotContain("Seq Scan");
        System.out.println("KedaQueryTest plan:\n" + text);
        // the same index the claim uses (db/migration/V1__core_schema.sql, db/queries/step.sql StepClaimReady)
        String claim = "SELECT id FROM step WHERE status = 'READY' AND queue = 'default' AND run_at <= now() "
                + "ORDER BY priority DESC, run_at, id LIMIT 1024 FOR UPDATE SKIP LOCKED";
        assertThat(String.join("\n", jdbc.sql("EXPLAIN " + claim).query(String.class).list())).contains("step_ready_idx");
    }
}
