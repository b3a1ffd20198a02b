package io.stepwise.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class HistoryStore {

    private final JdbcClient jdbc;

    HistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(UUID executionId, JsonNode events, Instant now) {
        jdbc.sql(SqlStatements.get("HistoryAppend"))
                .param("executionId", executionId)
                .param("now", Rows.timestamp(now))
                .param("events", Rows.text(HistoryFormat.write(events)))
                .update();
    }

    void appendMany(List<UUID> executionIds, List<JsonText> events, Instant now) {
        if (executionIds.isEmpty()) {
            return;
        }
        jdbc.sql(SqlStatements.get("HistoryAppendMany"))
                .param("ids", executionIds.toArray(UUID[]::new))
                .param("events", JsonList.pack(events, Rows::text))
                .param("now", Rows.timestamp(now))
                .update();
    }

    /** One stored history row, its events already expanded (read by HistoryQueries). */
    record HistoryRow(long seq, Instant recordedAt, JsonNode events) {
    }
}
