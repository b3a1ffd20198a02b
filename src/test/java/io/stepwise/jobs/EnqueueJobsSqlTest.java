package io.stepwise.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code stepwise.enqueue_jobs}, the set-based SQL door (docs/jobs.md): a JSON array of job bodies, enqueued in
 * one statement inside the caller's transaction, all or nothing.
 */
class EnqueueJobsSqlTest extends IntegrationTest {

    private static final String BATCH = """
            [{"type": "stepwise:echo", "payload": {"invoice": 42}, "queue": "mail", "priority": 5,
              "runAt": "2030-01-01T00:00:00Z", "uniqueKey": "first", "uniqueFor": 60, "maxAttempts": 4,
              "backoff": {"initialSeconds": 3, "rate": 1.5, "maxSeconds": 90, "jitter": "NONE"}, "timeoutSeconds": 30},
             {"type": "stepwise:echo", "delaySeconds": 3600},
             {"type": "stepwise:echo", "payload": null, "uniqueKey": "first", "runAt": "2030-01-01T00:00:00Z"}]""";

    @Autowired
    private DataSource dataSource;

    /** One row per job: n, id, created. */
    private record Enqueued(int n, UUID id, boolean created) {
    }

    private static List<Enqueued> enqueue(Connection connection, String jobs, String namespace) throws SQLException {
        String sql = namespace == null ? "SELECT * FROM stepwise.enqueue_jobs(CAST(? AS json))"
                : "SELECT * FROM stepwise.enqueue_jobs(CAST(? AS json), namespace => ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, jobs);
            if (namespace != null) {
                statement.setString(2, namespace);
            }
            List<Enqueued> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Enqueued(rs.getInt("n"), rs.getObject("job_id", UUID.class), rs.getBoolean("created")));
                }
            }
            return rows;
        }
    }

    private long jobs() {
        return jdbc.sql("SELECT count(*) FROM job").query(Long.class).single();
    }

    @Test
    void aRolledBackBatchLeavesNothing() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(enqueue(connection, BATCH, null)).hasSize(3);
            connection.rollback();
        }
        for (String table : List.of("job", "execution", "step", "job_unique_key", "state_machine")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    @Test
    void aCommittedBatchCreatesEveryJobInOrderAsTheRestApiWould() throws SQLException {
        List<Enqueued> rows;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            rows = enqueue(connection, BATCH, "team-a");
            // nobody sees them before the commit
            assertThat(jobs()).isZero();
            connection.commit();
        }
        assertThat(rows).extracting(Enqueued::n).containsExactly(1, 2, 3);
        assertThat(rows).extracting(Enqueued::created).containsExactly(true, true, false);
        // the key repeated in the batch answers with its first job
        assertThat(rows.get(2).id()).isEqualTo(rows.get(0).id());
        assertThat(jobs()).isEqualTo(2);
        JsonNode first = api.in("team-a").get("/v1/jobs/" + rows.get(0).id()).body();
        assertThat(first.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(first.get("queue").asString()).isEqualTo("mail");
        assertThat(api.in("team-a").get("/v1/jobs/" + rows.get(1).id()).body().get("status").asString())
                .isEqualTo("SCHEDULED");
        assertThat(api.get("/v1/jobs/" + rows.get(0).id()).status()).isEqualTo(404);

        // the first element is the body of theFunctionWritesTheRowsTheRestApiWrites: the same rows as over HTTP
        String viaRest = api.in("team-a").post("/v1/jobs", """
                {"type": "stepwise:echo", "payload": {"invoice": 42}, "queue": "mail", "priority": 5,
                 "runAt": "2030-01-01T00:00:00Z", "uniqueKey": "rest", "uniqueFor": 60, "maxAttempts": 4,
                 "backoff": {"initialSeconds": 3, "rate": 1.5, "maxSeconds": 90, "jitter": "NONE"},
                 "timeoutSeconds": 30}""").body().get("id").asString();
        // the payload's text as each door was given it (HTTP's parsed and written compact): compared as jsonb
        String executions = "SELECT namespace, state_machine_name, state_machine_version, status, input::jsonb AS input,"
                + " queue, priority, timeout_at FROM execution WHERE id = CAST(? AS text)::uuid";
        assertThat(row(executions, rows.get(0).id().toString())).isEqualTo(row(executions, viaRest));
        String steps = "SELECT queue, priority, status, kind, state_name, attempt, run_at FROM step"
                + " WHERE execution_id = CAST(? AS text)::uuid";
        assertThat(row(steps, rows.get(0).id().toString())).isEqualTo(row(steps, viaRest));
        String keys = "SELECT namespace, type, held_until FROM job_unique_key WHERE execution_id = CAST(? AS text)::uuid";
        assertThat(row(keys, rows.get(0).id().toString())).isEqualTo(row(keys, viaRest));
    }

    /** The Java example of docs/jobs.md: JdbcTemplate inside the application's transaction. */
    @Test
    void theJdbcTemplateCallOfTheDocsEnqueuesInTheCallersTransaction() {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        String jobs = "[{\"type\": \"stepwise:echo\", \"payload\": {\"invoice\": 42}, \"uniqueKey\": \"invoice-42\"},"
                + " {\"type\": \"stepwise:echo\", \"payload\": {\"invoice\": 43}, \"uniqueKey\": \"invoice-43\"}]";
        List<UUID> ids = transaction.execute(status -> template.queryForList(
                "SELECT job_id FROM stepwise.enqueue_jobs(CAST(? AS json)) ORDER BY n", UUID.class, jobs));
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(api.get("/v1/jobs/" + ids.get(1)).body().get("uniqueKey").asString()).isEqualTo("invoice-43");
    }

    private Map<String, Object> row(String sql, String id) {
        return jdbc.sql(sql).param(id).query().singleRow();
    }

    @Test
    void aBadElementIsRefusedByItsNumberAndNothingIsWritten() throws SQLException {
        Map<String, String> refusals = Map.of(
                "[{\"type\": \"stepwise:echo\"}, {\"type\": \"stepwise:echo\", \"priority\": \"high\"}]",
                "job 2: priority must be an integer",
                "[{\"type\": \"stepwise:echo\"}, {\"type\": \"stepwise:echo\"}, {\"type\": \"x\", \"unique_key\": \"k\"}]",
                "job 3: unknown field unique_key",
                "[{\"type\": \"stepwise:echo\", \"backoff\": {\"initial\": 1}}]", "job 1: unknown field backoff.initial",
                "[{\"type\": \"stepwise:echo\"}, 42]", "job 2: must be a JSON object",
                "[{\"payload\": {}}]", "job 1: type must be a string",
                "[{\"type\": \"stepwise:echo\"}, {\"type\": \"stepwise:echo\", \"runAt\": \"2030-13-45\"}]",
                "job 2: runAt must be a date-time",
                "[{\"type\": \"stepwise:echo\", \"runAt\": \"2030-01-01T00:00:00Z\", \"delaySeconds\": 5}]",
                "job 1: give runAt or delaySeconds, not both",
                "[{\"type\": \"stepwise:echo\"}, {\"type\": \"stepwise:echo\", \"maxAttempts\": 0}]",
                "job 2: max_attempts must be between 1 and 1000",
                "[{\"type\": \"stepwise:echo\", \"priority\": 1.5}]", "job 1: priority must be an integer",
                "{\"type\": \"stepwise:echo\"}", "jobs must be a JSON array");
        try (Connection connection = dataSource.getConnection()) {
            refusals.forEach((jobs, message) -> assertThatThrownBy(() -> enqueue(connection, jobs, null)).as(jobs)
                    .isInstanceOf(SQLException.class).hasMessageContaining(message)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023"));
            assertThatThrownBy(() -> enqueue(connection, "[{\"type\": \"stepwise:echo\"}]", "Team_A"))
                    .hasMessageContaining("namespace must be");
            assertThat(enqueue(connection, "[]", null)).isEmpty();
        }
        for (String table : List.of("job", "execution", "step", "state_machine")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    /** NULL is the default namespace to both SQL doors, as to submit_jobs (V21; it was refused by this one). */
    @Test
    void aNullNamespaceIsTheDefaultOneThroughEitherDoor() {
        UUID many = jdbc.sql("SELECT job_id FROM stepwise.enqueue_jobs(CAST(? AS json), namespace => NULL)")
                .param("[{\"type\": \"stepwise:echo\", \"uniqueKey\": \"many\"}]").query(UUID.class).single();
        UUID one = jdbc.sql("SELECT stepwise.enqueue_job('stepwise:echo', namespace => NULL)").query(UUID.class).single();
        for (UUID id : List.of(many, one)) {
            assertThat(jdbc.sql("SELECT namespace FROM execution WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo("default");
            assertThat(api.get("/v1/jobs/" + id).status()).isEqualTo(200);
        }
        assertThatThrownBy(() -> jdbc.sql("SELECT * FROM stepwise.enqueue_jobs(CAST(? AS json), namespace => '')")
                .param("[{\"type\": \"stepwise:echo\"}]").query().listOfRows())
                .hasMessageContaining("namespace must be 1 to 63");
    }
}
