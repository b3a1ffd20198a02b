package io.stepwise.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit_event table (V15). Calls are recorded through a group commit: concurrent requests share one
 * COPY and one commit, so auditing every submission costs a batch, not a transaction each
 * (docs/performance.md, "Security").
 */
@Service
public class AuditLog extends GroupCommit<AuditEvent, Boolean> {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** Where a page starts: strictly older than ({@code at}, {@code id}); null for the newest. */
    public record Position(Instant at, long id) {
    }

    private static final RowMapper<AuditEvent> EVENT = (rs, n) -> new AuditEvent(rs.getLong("id"),
            Rows.instant(rs, "at"), rs.getString("actor"), rs.getString("method"), rs.getString("path"),
            rs.getInt("status"), rs.getString("remote_address"), rs.getString("namespace"));

    /** Bounds that stand for "none", so every comparison stays an index condition. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /**
     * How long the committer lets rows gather before it writes them: no caller waits for them, and a
     * transaction per handful of rows (what an eager committer does once nothing waits for it) cost more
     * than the rows themselves; a batch every 20 ms costs one commit for hundreds of calls.
     */
    private static final Duration LINGER = Duration.ofMillis(20);
    /** Handed over and not yet in a batch, beyond which a recording caller waits for its commit. */
    private static final int MAX_QUEUED = 10_000;

    private final JdbcClient jdbc;
    private final Object lastLock = new Object();
    /** The last event handed over: events are applied in order, so it completes after all earlier ones. */
    private CompletableFuture<Boolean> last = CompletableFuture.completedFuture(true);

    AuditLog(JdbcClient jdbc, JdbcTemplate copying) {
        super("stepwise-audit", 1024, LINGER, batch -> insertAll(copying, batch));
        this.jdbc = jdbc;
    }

    /**
     * Records the call, batched with those of other requests, without waiting for the commit: a caller's
     * answer must not wait for a second transaction (it cost a third of single-start throughput,
     * docs/performance.md, "Security"). The committer drains what is queued when the context stops; only
     * a process killed between the answer and the commit (milliseconds) loses the row. When the database
     * falls this far behind, callers wait again, so the queue cannot grow without bound.
     */
    public void record(AuditEvent event) {
        if (waiting() >= MAX_QUEUED) {
            try {
                submit(event);
            } catch (RuntimeException e) {
                // logged where it was written (insertAll); the answer is not the audit's to fail
            }
            return;
        }
        synchronized (lastLock) {
            last = handOver(event);
        }
    }

    /** Waits until every call this replica recorded so far is committed, so that its reader sees them. */
    public void awaitRecorded() {
        CompletableFuture<Boolean> recorded;
        synchronized (lastLock) {
            recorded = last;
        }
        try {
            recorded.join();
        } catch (CompletionException e) {
            // the row is lost and was logged where it was written (insertAll); the page shows what was committed
        }
    }

    /**
     * A failed batch is applied again one row at a time (GroupCommit), so a row that cannot be written
     * fails alone and is logged here, where no caller waits to hear of it.
     */
    private static List<Boolean> insertAll(JdbcTemplate jdbc, List<AuditEvent> events) {
        try {
            insert(jdbc, events);
        } catch (RuntimeException e) {
            if (events.size() == 1) {
                log.error("Could not record {} {} in the audit trail", events.getFirst().method(),
                        events.getFirst().path(), e);
            }
            throw e;
        }
        return Collections.nCopies(events.size(), true);
    }

    private static void insert(JdbcTemplate jdbc, List<AuditEvent> events) {
        var rows = new StringBuilder(events.size() * 112);
        for (AuditEvent e : events) {
            rows.append(e.at()).append('\t');
            CopyText.append(rows, e.actor()).append('\t');
            CopyText.append(rows, e.method()).append('\t');
            CopyText.append(rows, e.path()).append('\t');
            rows.append(e.status()).append('\t');
            CopyText.append(rows, e.remoteAddress()).append('\t');
            CopyText.append(rows, e.namespace()).append('\n');
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(SqlStatements.get("AuditCopyIn"), new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // reading a string: cannot happen
            }
        });
    }

    /**
     * Newest first.
     *
     * @param namespaces only the calls made in these namespaces, or null for all calls
     * @param actor only this actor's calls, or null for everyone's
     * @param since inclusive, or null
     * @param until exclusive, or null
     * @param after the last event of the previous page, or null
     */
    public List<AuditEvent> page(Set<String> namespaces, String actor, Instant since, Instant until, Position after,
            int limit) {
        awaitRecorded();
        return jdbc.sql(SqlStatements.get("AuditPage"))
                .param("actor", actor, Types.VARCHAR)
                .param("beforeAt", Rows.timestamp(after == null ? LATEST : after.at()))
                .param("beforeId", after == null ? Long.MAX_VALUE : after.id())
                .param("since", Rows.timestamp(since == null ? EARLIEST : since))
                .param("until", Rows.timestamp(until == null ? LATEST : until))
                .param("limit", limit)
                .param("namespaces", namespaces == null ? null : namespaces.toArray(String[]::new), Types.ARRAY)
                .query(EVENT).list();
    }

    /** Deletes up to {@code limit} of the oldest events recorded before {@code cutoff}; returns how many. */
    public int pruneBefore(Instant cutoff, int limit) {
        return jdbc.sql(SqlStatements.get("AuditPruneBefore")).param("cutoff", Rows.timestamp(cutoff))
                .param("limit", limit).update();
    }
}
