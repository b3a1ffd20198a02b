package io.stepwise.store;

import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** The task_token table: Task attempts waiting for an answer (see V9__activities_and_task_tokens.sql). */
@Repository
class TaskTokenStore {

    private final JdbcClient jdbc;

    TaskTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token's row as a claimed step reads it. */
    record ByAttempt(String status, JsonNode output, String error, String cause, Instant timeoutAt,
            Instant heartbeatAt, Instant createdAt) {
    }

    /** A token's row as an answer reads it, with the status of its step (null when the step is gone). */
    record ByHash(String status, String attemptKey, long stepId, UUID executionId, Instant timeoutAt, Integer heartbeatSeconds,
            Instant heartbeatAt, Instant polledAt, String activity, Namespace namespace, String stepStatus) {
    }

    /** What a poll hands out. */
    record Polled(String attemptKey, JsonNode input, long stepId, Instant heartbeatAt) {
    }

    byte[] secret() {
        return jdbc.sql(SqlStatements.get("TaskTokenSecret")).query(byte[].class).single();
    }

    void open(Namespace namespace, byte[] tokenHash, String attemptKey, UUID executionId, long stepId, Instant timeoutAt,
            Instant now) {
        jdbc.sql(SqlStatements.get("TaskTokenOpen"))
                .param("namespace", namespace.name())
                .param("tokenHash", tokenHash)
                .param("attemptKey", attemptKey)
                .param("executionId", executionId)
                .param("stepId", stepId)
                .param("timeoutAt", Rows.timestamp(timeoutAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("now", Rows.timestamp(now))
                .update();
    }

    /** @return the row's status after the upsert: OPEN, or the answer that came first */
    String await(Namespace namespace, Completion.AwaitedToken token, UUID executionId, long stepId, Instant now) {
        return jdbc.sql(SqlStatements.get("TaskTokenAwait"))
                .param("namespace", namespace.name())
                .param("tokenHash", token.tokenHash())
                .param("attemptKey", token.attemptKey())
                .param("executionId", executionId)
                .param("stepId", stepId)
                .param("activity", token.activity(), Types.VARCHAR)
                .param("input", token.input() == null ? null : Rows.text(token.input()), Types.VARCHAR)
                .param("now", Rows.timestamp(now))
                .param("timeoutAt", Rows.timestamp(token.timeoutAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("heartbeatSeconds", token.heartbeatSeconds(), Types.INTEGER)
                .param("heartbeatAt", Rows.timestamp(token.heartbeatAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .query(String.class).single();
    }

    Optional<ByAttempt> lockByAttempt(String attemptKey) {
        return jdbc.sql(SqlStatements.get("TaskTokenLockByAttempt")).param("attemptKey", attemptKey)
                .query((rs, n) -> new ByAttempt(rs.getString("status"), Rows.json(rs, "output"), rs.getString("error"),
                        rs.getString("cause"), Rows.instant(rs, "timeout_at"), Rows.instant(rs, "heartbeat_at"),
                        Rows.instant(rs, "created_at")))
                .optional();
    }

    void timeOut(String attemptKey, String error, Instant now) {
        jdbc.sql(SqlStatements.get("TaskTokenTimeOut")).param("attemptKey", attemptKey).param("error", error)
                .param("now", Rows.timestamp(now)).update();
    }

    Optional<ByHash> lockByHash(byte[] tokenHash) {
        return jdbc.sql(SqlStatements.get("TaskTokenLockByHash")).param("tokenHash", tokenHash)
                .query((rs, n) -> new ByHash(rs.getString("status"), rs.getString("attempt_key"), rs.getLong("step_id"),
                        rs.getObject("execution_id", UUID.class), Rows.instant(rs, "timeout_at"),
                        Rows.nullableInt(rs, "heartbeat_seconds"), Rows.instant(rs, "heartbeat_at"),
                        Rows.instant(rs, "polled_at"), rs.getString("activity"),
                        Namespace.stored(rs.getString("namespace")), rs.getString("step_status")))
                .optional();
    }

    void answer(byte[] tokenHash, String status, JsonText output, String error, String cause, Instant now) {
        jdbc.sql(SqlStatements.get("TaskTokenAnswer"))
                .param("tokenHash", tokenHash)
                .param("status", status)
                .param("output", output == null ? null : Rows.text(output), Types.VARCHAR)
                .param("error", error, Types.VARCHAR)
                .param("cause", cause, Types.VARCHAR)
                .param("now", Rows.timestamp(now))
                .update();
    }

    void cancel(byte[] tokenHash, Instant now) {
        jdbc.sql(SqlStatements.get("TaskTokenCancel")).param("tokenHash", tokenHash).param("now", Rows.timestamp(now))
                .update();
    }

    void heartbeat(byte[] tokenHash, Instant heartbeatAt) {
        jdbc.sql(SqlStatements.get("TaskTokenHeartbeat")).param("tokenHash", tokenHash)
                .param("heartbeatAt", Rows.timestamp(heartbeatAt)).update();
    }

    void cancelOfExecutions(UUID[] executionIds) {
        jdbc.sql(SqlStatements.get("TaskTokenCancelOfExecutions")).param("executionIds", executionIds).update();
    }

    Optional<Polled> poll(Namespace namespace, String activity, String workerName, Instant now) {
        return jdbc.sql(SqlStatements.get("TaskTokenPoll"))
                .param("namespace", namespace.name())
                .param("activity", activity)
                .param("workerName", workerName, Types.VARCHAR)
                .param("now", Rows.timestamp(now))
                .query((rs, n) -> new Polled(rs.getString("attempt_key"), Rows.json(rs, "input"), rs.getLong("step_id"),
                        Rows.instant(rs, "heartbeat_at")))
                .optional();
    }
}
