package io.stepwise.bench;

import java.sql.SQLException;
import java.util.List;

/**
 * The server's own statement counts (pg_stat_statements), when the server has the extension: the
 * embedded one preloads it; an external one may not, and then the JDBC proxy's counts stand alone.
 */
final class PgStatStatements {

    private final BenchDb db;
    private final boolean available;

    PgStatStatements(BenchDb db) {
        this.db = db;
        this.available = db.hasStatStatements();
    }

    boolean available() {
        return available;
    }

    /** Starts a measuring window. */
    void reset() throws SQLException {
        if (available) {
            db.exec("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * The 14 statements with the most time since the last reset, each as: calls, mean ms, total ms,
     * rows per call, text (160 characters), WAL bytes, full-page images and pages dirtied per call. The
     * benchmark's own progress query is left out; none when the extension is missing.
     */
    List<List<String>> top() throws SQLException {
        return available ? db.rows("""
                SELECT calls, round(mean_exec_time::numeric, 3), round(total_exec_time::numeric, 0),
                       round(rows::numeric / greatest(calls, 1), 2), left(regexp_replace(query, '\\s+', ' ', 'g'), 160),
                       round(wal_bytes / greatest(calls, 1)), round(wal_fpi::numeric / greatest(calls, 1), 1),
                       round(shared_blks_dirtied::numeric / greatest(calls, 1), 1)
                FROM pg_stat_statements WHERE calls > 10 AND query NOT LIKE '%pg_stat_statements%'
                  AND query NOT LIKE 'SELECT count(*) FROM step WHERE id <=%' ORDER BY total_exec_time DESC LIMIT 14""")
                : List.of();
    }
}
