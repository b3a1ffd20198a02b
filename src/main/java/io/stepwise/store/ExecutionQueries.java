package io.stepwise.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Listing executions, newest first, a keyset page at a time. */
@Service
class ExecutionQueries {

    /** Bounds that hold for every row, so that every query binds the same shape (see execution_browse.sql). */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final UUID MAX_ID = new UUID(-1L, -1L);

    private final JdbcClient jdbc;

    ExecutionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param after the key of the previous page's last item; null for the first page */
    @Transactional(readOnly = true)
    public Page<ExecutionRecord, ExecutionKey> page(ExecutionFilter filter, ExecutionKey after, int limit) {
        Instant beforeStart = after != null ? after.startDate() : LATEST;
        UUID beforeId = after != null ? after.id() : MAX_ID;
        if (filter.startedBefore() != null && !filter.startedBefore().isAfter(beforeStart)) {
            // "started before T" is the keyset bound (T, any id) when it is tighter than the cursor's
            beforeStart = filter.startedBefore();
            beforeId = new UUID(0, 0);
        }
        boolean defaultListing = filter.stateMachine() == null && filter.namespace().isDefault();
        var statement = jdbc.sql(filter.stateMachine() != null ? SqlStatements.get("ExecutionPageNewestOfMachine")
                        : defaultListing ? SqlStatements.get("ExecutionPageNewest")
                        : SqlStatements.get("ExecutionPageNewestInNamespace"))
                .param("beforeStart", Rows.timestamp(beforeStart))
                .param("beforeId", beforeId)
                .param("startedAfter", Rows.timestamp(filter.startedAfter() != null ? filter.startedAfter() : EARLIEST))
                .param("status", filter.status() == null ? null : filter.status().name(), java.sql.Types.VARCHAR)
                .param("limit", limit + 1);
        if (!defaultListing) {
            statement = statement.param("namespace", filter.namespace().name());
        }
        if (filter.stateMachine() != null) {
            statement = statement.param("stateMachine", filter.stateMachine());
        }
        List<ExecutionRecord> rows = statement.query(ExecutionStore.ROW).list();
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<ExecutionRecord> items = rows.subList(0, limit);
        ExecutionRecord last = items.getLast();
        return new Page<>(List.copyOf(items), new ExecutionKey(last.startDate(), last.id()));
    }
}
