package io.stepwise.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code stepwise.enqueue_job} called by an application inside its own transaction (docs/jobs.md): the job
 * exists iff that transaction commits, and it is the job the REST API would have made.
 */
class EnqueueJobSqlTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    private static UUID enqueue(Connection connection, String call) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + call);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private long count(String table, String column, UUID id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Long.class)
                .single();
    }

    @Test
    void aJobEnqueuedInARolledBackTransactionLeavesNothing() throws SQLException {
        UUID id;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // the application's own write, then the job, in one transaction
            connection.createStatement().execute("CREATE TEMP TABLE orders (id int) ON COMMIT DROP");
            id = enqueue(connection, "stepwise.enqueue_job('stepwise:echo', '{\"order\": 1}', unique_key => 'o-1')");
            assertThat(id).isNotNull();
            connection.rollback();
        }
        for (String table : List.of("job", "execution", "step", "job_unique_key")) {
            assertThat(count(table, table.equals("execution") ? "id" : "execution_id", id)).as(table).isZero();
        }
    }

    @Test
    void aJobEnqueuedInACommittedTransactionRunsToSucceeded() throws SQLException {
        UUID id;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            id = enqueue(connection, "stepwise.enqueue_job('stepwise:echo', '{\"order\": 2}')");
            // not visible to anyone, worker included, before the commit
            assertThat(count("job", "execution_id", id)).isZero();
            connection.commit();
        }
        JsonNode done = Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/jobs/" + id).body(),
                job -> job.path("status").asString("").equals("SUCCEEDED"));
        assertThat(done.get("result").toString()).isEqualTo("{\"order\":2}");
        assertThat(done.get("type").asString()).isEqualTo("stepwise:echo");
    }

    @Test
    void theFunctionWritesTheRowsTheRestApiWrites() throws SQLException {
        String runAt = "2030-01-01T00:00:00Z";
        String viaRest = api.post("/v1/jobs", """
                {"type": "stepwise:echo", "payload": {"invoice": 42}, "queue": "mail", "priority": 5,
                 "runAt": "%s", "uniqueKey": "rest", "uniqueFor": 60, "maxAttempts": 4,
                 "backoff": {"initialSeconds": 3, "rate": 1.5, "maxSeconds": 90, "jitter": "NONE"},
                 "timeoutSeconds": 30}""".formatted(runAt)).body().get("id").asString();
        UUID viaSql;
        try (Connection connection = dataSource.getConnection()) {
            viaSql = enqueue(connection, """
                    stepwise.enqueue_job('stepwise:echo', '{"invoice":42}', queue => 'mail', priority => 5,
                        run_at => '%s', unique_key => 'sql', unique_for => 60, max_attempts => 4,
                        backoff_initial_seconds => 3, backoff_rate => 1.5, backoff_max_seconds => 90,
                        backoff_jitter => 'NONE', timeout_seconds => 30)""".formatted(runAt));
        }
        UUID rest = UUID.fromString(viaRest);
        // everything but the ids, the times of the call and the unique key itself
        assertThat(row("SELECT state_machine_name, state_machine_version, status, input::text AS input, queue, priority,"
                + " timeout_at, redrive_count FROM execution WHERE id = ?", viaSql))
                .isEqualTo(row("SELECT state_machine_name, state_machine_version, status, input::text AS input, queue,"
                        + " priority, timeout_at, redrive_count FROM execution WHERE id = ?", rest));
        String steps = "SELECT queue, priority, status, kind, state_name, input::text AS input, state_data::text AS sd,"
                + " attempt, run_at, parent_id FROM step WHERE execution_id = ?";
        assertThat(row(steps, viaSql)).isEqualTo(row(steps, rest));
        String jobs = "SELECT type, run_at FROM job WHERE execution_id = ?";
        assertThat(row(jobs, viaSql)).isEqualTo(row(jobs, rest));
        String keys = "SELECT type, held_until FROM job_unique_key WHERE execution_id = ?";
        assertThat(row(keys, viaSql)).isEqualTo(row(keys, rest));
        assertThat(jdbc.sql("SELECT count(*) FROM state_machine").query(Long.class).single()).isEqualTo(1);
        assertThat(api.get("/v1/jobs/" + viaSql).body().get("status").asString()).isEqualTo("SCHEDULED");
    }

    private Map<String, Object> row(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query().singleRow();
    }

    @Test
    void aUniqueKeyGivesTheSameIdAndBadArgumentsAreRefusedByName() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            UUID first = enqueue(connection, "stepwise.enqueue_job('stepwise:echo', unique_key => 'once',"
                    + " run_at => now() + interval '1 hour')");
            UUID second = enqueue(connection, "stepwise.enqueue_job('stepwise:echo', unique_key => 'once')");
            assertThat(second).isEqualTo(first);
            assertThatThrownBy(() -> enqueue(connection, "stepwise.enqueue_job('stepwise:echo', max_attempts => 0)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("max_attempts")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
            assertThatThrownBy(() -> enqueue(connection, "stepwise.enqueue_job('has space')"))
                    .hasMessageContaining("type must be");
            assertThatThrownBy(() -> enqueue(connection, "stepwise.enqueue_job('stepwise:echo', queue => 'a b')"))
                    .hasMessageContaining("queue must be");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM job").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aJobEnqueuedWithANamespaceIsThere() throws SQLException {
        UUID id;
        try (Connection connection = dataSource.getConnection()) {
            id = enqueue(connection, "stepwise.enqueue_job('stepwise:echo', '{\"n\": 1}', queue => 'mail',"
                    + " run_at => now() + interval '1 hour', unique_key => 'k', namespace => 'team-a')");
            // the same key in the default namespace is another job
            assertThat(enqueue(connection, "stepwise.enqueue_job('stepwise:echo', unique_key => 'k',"
                    + " run_at => now() + interval '1 hour')")).isNotEqualTo(id);
        }
        JsonNode job = api.in("team-a").get("/v1/jobs/" + id).body();
        assertThat(job.get("queue").asString()).isEqualTo("mail");
        assertThat(job.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(api.get("/v1/jobs/" + id).status()).isEqualTo(404);
        assertThat(row("SELECT namespace, queue FROM execution WHERE id = ?", id))
                .isEqualTo(Map.of("namespace", "team-a", "queue", "team-a/mail"));
        assertThat(row("SELECT namespace FROM job WHERE execution_id = ?", id)).isEqualTo(Map.of("namespace", "team-a"));
    }

    @Test
    void theCallsOfBeforeNamespacesStillWork() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // every argument by position, as V13 and V17 defined them: the default namespace
            UUID enqueued = enqueue(connection, "stepwise.enqueue_job('stepwise:echo', '{}', 'mail', 1, now(), 'e', 60,"
                    + " 2, 1, 2.0, 10, 'FULL', 30)");
            UUID submitted = enqueue(connection, "job_id FROM stepwise.submit_job(now(), 'stepwise:echo', '{}', 'mail', 1,"
                    + " now(), 's', 60, 2, 1, 2.0, 10, 'FULL', 30, NULL)");
            for (UUID id : List.of(enqueued, submitted)) {
                assertThat(row("SELECT namespace, queue FROM execution WHERE id = ?", id))
                        .isEqualTo(Map.of("namespace", "default", "queue", "mail"));
                assertThat(api.get("/v1/jobs/" + id).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aMalformedNamespaceIsRefusedByNameAndNothingIsWritten() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String bad : List.of("'Team_A'", "''", "'-a'", "'" + "x".repeat(64) + "'")) {
                assertThatThrownBy(() -> enqueue(connection, "stepwise.enqueue_job('stepwise:echo', namespace => " + bad
                        + ")")).as(bad).isInstanceOf(SQLException.class).hasMessageContaining("namespace must be")
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM execution").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM state_machine").query(Long.class).single()).isZero();
    }
}
