package io.stepwise.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * White-box reads of the history table's rows (one per committed transition), which the store's
 * {@code HistoryQueries} turns into events and never shows: how many transactions a run took, and
 * whether rows outlive their execution. For the events themselves, ask {@code HistoryQueries}.
 */
public final class HistoryTable {

    private final JdbcClient jdbc;

    public HistoryTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many history rows the execution has. */
    public int rowsOf(UUID executionId) {
        return jdbc.sql("SELECT count(*) FROM history WHERE execution_id = ?").param(executionId)
                .query(Integer.class).single();
    }
}
