package io.stepwise.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit_event table (V15). Calls are recorded through a group commit: concurrent requests share one
 * INSERT and one commit, so auditing every submission costs a batch, not a transaction each
 * (docs/performance.md, "Security").
 */
@Service
public class AuditLog extends GroupCommit<AuditEvent, Boolean> {

    /** Where a page starts: strictly older than ({@code at}, {@code id}); null for the newest. */
    public record Position(Instant at, long id) {
    }

    private static final RowMapper<AuditEvent> EVENT = (rs, n) -> new AuditEvent(rs.getLong("id"),
            Rows.instant(rs, "at"), rs.getString("actor"), rs.getString("method"), rs.getString("path"),
            rs.getInt("status"), rs.getString("remote_address"));

    /** Bounds that stand for "none", so every comparison stays an index condition. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        super("stepwise-audit", 1024, batch -> insertAll(jdbc, batch));
        this.jdbc = jdbc;
    }

    /** Records the call, batched with those of other requests; returns once it is committed. */
    public void record(AuditEvent event) {
        submit(event);
    }

    private static List<Boolean> insertAll(JdbcClient jdbc, List<AuditEvent> events) {
        jdbc.sql(SqlStatements.get("AuditInsertAll"))
                .param("at", events.stream().map(e -> e.at().toString()).toArray(String[]::new))
                .param("actor", events.stream().map(AuditEvent::actor).toArray(String[]::new))
                .param("method", events.stream().map(AuditEvent::method).toArray(String[]::new))
                .param("path", events.stream().map(AuditEvent::path).toArray(String[]::new))
                .param("status", events.stream().map(AuditEvent::status).toArray(Integer[]::new))
                .param("remote", events.stream().map(AuditEvent::remoteAddress).toArray(String[]::new))
                .update();
        return Collections.nCopies(events.size(), true);
    }

    /**
     * Newest first.
     *
     * @param actor only this actor's calls, or null for everyone's
     * @param since inclusive, or null
     * @param until exclusive, or null
     * @param after the last event of the previous page, or null
     */
    public List<AuditEvent> page(String actor, Instant since, Instant until, Position after, int limit) {
        var statement = actor == null ? jdbc.sql(SqlStatements.get("AuditPage"))
                : jdbc.sql(SqlStatements.get("AuditPageOfActor")).param("actor", actor);
        return statement
                .param("beforeAt", Rows.timestamp(after == null ? LATEST : after.at()))
                .param("beforeId", after == null ? Long.MAX_VALUE : after.id())
                .param("since", Rows.timestamp(since == null ? EARLIEST : since))
                .param("until", Rows.timestamp(until == null ? LATEST : until))
                .param("limit", limit)
                .query(EVENT).list();
    }

    /** Deletes up to {@code limit} of the oldest events recorded before {@code cutoff}; returns how many. */
    public int pruneBefore(Instant cutoff, int limit) {
        return jdbc.sql(SqlStatements.get("AuditPruneBefore")).param("cutoff", Rows.timestamp(cutoff))
                .param("limit", limit).update();
    }
}
