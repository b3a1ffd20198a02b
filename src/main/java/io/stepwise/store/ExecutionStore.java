package io.stepwise.store;

import static io.stepwise.store.Rows.instant;
import static io.stepwise.store.Rows.json;

import io.stepwise.engine.ExecutionStatus;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ExecutionStore {

    /** Shared with {@link ExecutionQueries}, which lists the same columns. */
    static final RowMapper<ExecutionRecord> ROW = (rs, n) -> new ExecutionRecord(
            rs.getObject("id", UUID.class),
            rs.getString("state_machine_name"),
            rs.getInt("state_machine_version"),
            rs.getString("name"),
            ExecutionStatus.valueOf(rs.getString("status")),
            json(rs, "input"),
            json(rs, "output"),
            rs.getString("error"),
            rs.getString("cause"),
            instant(rs, "start_date"),
            instant(rs, "stop_date"),
            rs.getInt("redrive_count"),
            instant(rs, "redrive_date"),
            Placement.queueName(rs.getString("queue")),
            rs.getInt("priority"),
            Namespace.stored(rs.getString("namespace")));

    private final JdbcClient jdbc;

    ExecutionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One execution of a batch of starts, for {@link #insertMany}; {@code traceparent} null unless traced. */
    record NewExecution(Namespace namespace, UUID id, String machine, int version, String name, JsonText input,
            Instant timeoutAt, String traceparent, Placement placement) {
    }

    /** @return the ids that were inserted (the others' names were taken) */
    Set<UUID> insertMany(List<NewExecution> rows, Instant now) {
        return new HashSet<>(jdbc.sql(SqlStatements.get("ExecutionInsertMany"))
                .param("ids", rows.stream().map(NewExecution::id).toArray(UUID[]::new))
                .param("machines", rows.stream().map(NewExecution::machine).toArray(String[]::new))
                .param("versions", rows.stream().map(NewExecution::version).toArray(Integer[]::new))
                .param("names", rows.stream().map(NewExecution::name).toArray(String[]::new))
                .param("inputs", JsonList.pack(rows, r -> Rows.text(r.input())))
                .param("timeoutAts", rows.stream().map(r -> r.timeoutAt() == null ? null : r.timeoutAt().toString())
                        .toArray(String[]::new))
                .param("traceparents", traceparents(rows), Types.ARRAY)
                .param("queues", queues(rows.stream().map(NewExecution::placement).toList()), Types.ARRAY)
                .param("priorities", priorities(rows.stream().map(NewExecution::placement).toList()), Types.ARRAY)
                .param("namespaces", namespaces(rows), Types.ARRAY)
                .param("now", Rows.timestamp(now))
                .query((rs, n) -> rs.getObject("id", UUID.class)).list());
    }

    /** Null when no row is traced (tracing off): nothing is built per start, and the column gets NULL. */
    private static String[] traceparents(List<NewExecution> rows) {
        for (NewExecution row : rows) {
            if (row.traceparent() != null) {
                return rows.stream().map(NewExecution::traceparent).toArray(String[]::new);
            }
        }
        return null;
    }

    /** Null when every row is in the default namespace, as {@link #traceparents}. */
    private static String[] namespaces(List<NewExecution> rows) {
        return rows.stream().allMatch(r -> r.namespace().isDefault()) ? null
                : rows.stream().map(r -> r.namespace().name()).toArray(String[]::new);
    }

    /** Null when every row takes the default queue and priority, as {@link #traceparents} (and StepInsertFirstMany). */
    static String[] queues(List<Placement> placements) {
        return placements.stream().allMatch(Placement::isDefault) ? null
                : placements.stream().map(Placement::queue).toArray(String[]::new);
    }

    static Integer[] priorities(List<Placement> placements) {
        return placements.stream().allMatch(Placement::isDefault) ? null
                : placements.stream().map(Placement::priority).toArray(Integer[]::new);
    }

    Optional<ExecutionRecord> byId(UUID id) {
        return jdbc.sql(SqlStatements.get("ExecutionById")).param("id", id).query(ROW).optional();
    }

    Optional<ExecutionRecord> byName(Namespace namespace, String stateMachineName, String name) {
        return jdbc.sql(SqlStatements.get("ExecutionByName")).param("namespace", namespace.name())
                .param("stateMachineName", stateMachineName).param("name", name).query(ROW).optional();
    }

    List<UUID> timeOutDue(Instant now, int limit) {
        return jdbc.sql(SqlStatements.get("ExecutionTimeOutDue"))
                .param("now", Rows.timestamp(now)).param("limit", limit)
                .query((rs, n) -> rs.getObject("id", UUID.class)).list();
    }

    boolean stop(UUID id, String error, String cause, Instant now) {
        return jdbc.sql(SqlStatements.get("ExecutionStop"))
                .param("id", id).param("error", error, Types.VARCHAR)
                .param("cause", cause, Types.VARCHAR).param("now", Rows.timestamp(now)).update() == 1;
    }

    int pruneFinished(Instant cutoff, int limit) {
        return jdbc.sql(SqlStatements.get("ExecutionPruneFinished"))
                .param("cutoff", Rows.timestamp(cutoff)).param("limit", limit)
                .query((rs, n) -> rs.getObject("id", UUID.class)).list().size();
    }

    /** Locks (shared) the running executions among {@code ids}; returns those. */
    Set<UUID> lockRunning(UUID[] ids) {
        return new HashSet<>(jdbc.sql(SqlStatements.get("ExecutionLockRunning"))
                .param("ids", ids)
                .query((rs, n) -> rs.getObject("id", UUID.class)).list());
    }

    /** One execution's end, for {@link #finishMany}. */
    record Ending(UUID id, ExecutionStatus status, JsonText output, String error, String cause) {
    }

    void finishMany(List<Ending> endings, Instant now) {
        jdbc.sql(SqlStatements.get("ExecutionFinishMany"))
                .param("ids", endings.stream().map(Ending::id).toArray(UUID[]::new))
                .param("statuses", endings.stream().map(e -> BoundStatuses.bind("ExecutionFinishMany", e.status()))
                        .toArray(String[]::new))
                .param("outputs", JsonList.pack(endings, e -> Rows.text(e.output())))
                .param("errors", endings.stream().map(Ending::error).toArray(String[]::new))
                .param("causes", endings.stream().map(Ending::cause).toArray(String[]::new))
                .param("now", Rows.timestamp(now))
                .update();
    }

    boolean redrive(UUID id, Instant now, Instant timeoutAt) {
        return jdbc.sql(SqlStatements.get("ExecutionRedrive")).param("id", id).param("now", Rows.timestamp(now))
                .param("timeoutAt", Rows.timestamp(timeoutAt)).update() == 1;
    }

    boolean finish(UUID id, ExecutionStatus status, JsonText output, String error, String cause, Instant now) {
        return jdbc.sql(SqlStatements.get("ExecutionFinish"))
                .param("id", id)
                .param("status", BoundStatuses.bind("ExecutionFinish", status))
                .param("output", Rows.text(output))
                .param("error", error)
                .param("cause", cause)
                .param("now", Rows.timestamp(now))
                .update() == 1;
    }
}
