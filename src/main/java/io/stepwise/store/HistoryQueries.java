package io.stepwise.store;

import io.stepwise.asl.Json;
import io.stepwise.engine.HistoryRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An execution's history as AWS shows it. Rows hold arrays of {@code {type, details}} events; ids are
 * counted here in (seq, position) order from 2, because event 1 is ExecutionStarted, which (like the
 * final ExecutionSucceeded/Failed/TimedOut/Aborted) is derived from the execution row.
 */
@Service
public class HistoryQueries {

    /** History rows fetched per round trip; a row holds one transition's events (usually 1 to 7). */
    private static final int ROWS_PER_FETCH = 64;

    private final JdbcClient jdbc;
    private final ExecutionStore executions;

    HistoryQueries(JdbcClient jdbc, ExecutionStore executions) {
        this.jdbc = jdbc;
        this.executions = executions;
    }

    /** Every event, oldest first. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<HistoryEvent> all(UUID executionId) {
        return page(executionId, null, Integer.MAX_VALUE - 1, false).items();
    }

    /**
     * Up to {@code limit} events from {@code from} (null: the first, or with {@code reverse} the
     * last). Repeatable read, so the count reverse paging starts from matches the rows it reads.
     *
     * @throws NotFoundException when there is no such execution
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<HistoryEvent, HistoryPosition> page(UUID executionId, HistoryPosition from, int limit,
            boolean reverse) {
        ExecutionRecord execution = executions.byId(executionId)
                .orElseThrow(() -> new NotFoundException("execution", executionId.toString()));
        return reverse ? new Backward(execution, limit).read(from) : new Forward(execution, limit).read(from);
    }

    private List<HistoryStore.HistoryRow> rows(String sql, UUID executionId, long fromSeq) {
        return jdbc.sql(sql)
                .param("executionId", executionId).param("fromSeq", fromSeq).param("limit", ROWS_PER_FETCH)
                .query((rs, n) -> new HistoryStore.HistoryRow(rs.getLong("seq"), Rows.instant(rs, "recorded_at"),
                        HistoryFormat.read(Rows.json(rs, "events"))))
                .list();
    }

    private final class Forward {
        private final ExecutionRecord execution;
        private final int limit;
        private final List<HistoryEvent> events = new ArrayList<>();

        Forward(ExecutionRecord execution, int limit) {
            this.execution = execution;
            this.limit = limit;
        }

        Page<HistoryEvent, HistoryPosition> read(HistoryPosition from) {
            HistoryPosition at = from == null ? HistoryPosition.STARTED : from;
            if (at.seq() == HistoryPosition.STARTED_SEQ) {
                events.add(started(execution));
                at = new HistoryPosition(1, 0, 2);
            }
            while (at.seq() != HistoryPosition.END_SEQ) {
                List<HistoryStore.HistoryRow> rows = rows(SqlStatements.get("HistoryRowsFrom"), execution.id(),
                        at.seq());
                for (HistoryStore.HistoryRow row : rows) {
                    int first = row.seq() == at.seq() ? at.index() : 0;
                    long id = at.eventId();
                    for (int i = first; i < row.events().size(); i++) {
                        if (events.size() == limit) {
                            return new Page<>(events, new HistoryPosition(row.seq(), i, id));
                        }
                        events.add(event(id++, row, i));
                    }
                    at = new HistoryPosition(row.seq() + 1, 0, id);
                }
                if (rows.size() < ROWS_PER_FETCH) {
                    break;
                }
            }
            if (!execution.status().isFinished()) {
                // more may come: a full page lets the client go on from here, a short one is the end for now
                return new Page<>(events, events.size() == limit ? at : null);
            }
            if (events.size() == limit) {
                return new Page<>(events, HistoryPosition.end(at.eventId()));
            }
            events.add(ended(execution, at.eventId()));
            return new Page<>(events, null);
        }
    }

    private final class Backward {
        private final ExecutionRecord execution;
        private final int limit;
        private final List<HistoryEvent> events = new ArrayList<>();

        Backward(ExecutionRecord execution, int limit) {
            this.execution = execution;
            this.limit = limit;
        }

        Page<HistoryEvent, HistoryPosition> read(HistoryPosition from) {
            HistoryPosition at = from;
            if (at == null) {
                long stored = jdbc.sql(SqlStatements.get("HistoryEventCount")).param("executionId", execution.id())
                        .query(Long.class).single();
                at = HistoryPosition.end(stored + 2);
            }
            if (at.seq() == HistoryPosition.END_SEQ && at.index() == 0) {
                if (execution.status().isFinished()) {
                    events.add(ended(execution, at.eventId()));
                }
                at = new HistoryPosition(HistoryPosition.END_SEQ, Integer.MAX_VALUE, at.eventId() - 1);
            }
            while (at.seq() > HistoryPosition.STARTED_SEQ) {
                List<HistoryStore.HistoryRow> rows = rows(SqlStatements.get("HistoryRowsDownFrom"), execution.id(),
                        at.seq());
                for (HistoryStore.HistoryRow row : rows) {
                    int last = row.seq() == at.seq() ? Math.min(at.index(), row.events().size() - 1)
                            : row.events().size() - 1;
                    long id = at.eventId();
                    for (int i = last; i >= 0; i--) {
                        if (events.size() == limit) {
                            return new Page<>(events, new HistoryPosition(row.seq(), i, id));
                        }
                        events.add(event(id--, row, i));
                    }
                    at = new HistoryPosition(row.seq() - 1, Integer.MAX_VALUE, id);
                }
                if (rows.size() < ROWS_PER_FETCH) {
                    at = HistoryPosition.STARTED;
                }
            }
            if (events.size() == limit) {
                return new Page<>(events, HistoryPosition.STARTED);
            }
            events.add(started(execution));
            return new Page<>(events, null);
        }
    }

    private static HistoryEvent event(long id, HistoryStore.HistoryRow row, int index) {
        JsonNode event = row.events().get(index);
        return new HistoryEvent(id, id - 1, row.recordedAt(), event.path("type").asString(),
                event.has("details") ? event.get("details") : Json.NODES.objectNode());
    }

    private static HistoryEvent started(ExecutionRecord execution) {
        return derived(HistoryRecorder.executionStarted(execution.input()), 1, execution.startDate());
    }

    private static HistoryEvent ended(ExecutionRecord execution, long id) {
        return derived(HistoryRecorder.executionEnded(execution.status(), execution.output(), execution.error(),
                execution.cause()), id, execution.stopDate());
    }

    private static HistoryEvent derived(ObjectNode event, long id, Instant at) {
        return new HistoryEvent(id, id - 1, at, event.get("type").asString(), event.get("details"));
    }
}
