package io.stepwise.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL under the benchmark: by default a fresh embedded PostgreSQL 17 (the zonky binaries
 * io.stepwise.config.EmbeddedDatabase uses) in a temporary directory, with the durable settings below,
 * or an external server given by {@code bench.db.url}. Also a small SQL helper on its own
 * connection, outside the application's pool.
 */
final class BenchDb implements AutoCloseable {

    /**
     * Server settings for the embedded server. zonky's builder (under io.stepwise.config.EmbeddedDatabase)
     * starts PostgreSQL with -F (fsync off) and synchronous_commit=off; the benchmark turns both back on so
     * that its figures are durable like the peers' (Debian PostgreSQL with default settings). Fewer
     * checkpoints during a run; pg_stat_statements for the statement counts.
     */
    static final Map<String, String> EMBEDDED_SETTINGS = new java.util.TreeMap<>(Map.ofEntries(
            Map.entry("fsync", "on"),
            Map.entry("synchronous_commit", "on"),
            Map.entry("full_page_writes", "on"),
            Map.entry("max_connections", "200"),
            Map.entry("shared_buffers", "1GB"),
            Map.entry("shared_preload_libraries", "pg_stat_statements"),
            Map.entry("max_wal_size", "8GB"),
            Map.entry("checkpoint_timeout", "15min"),
            Map.entry("wal_buffers", "16MB"),
            Map.entry("effective_cache_size", "8GB"),
            Map.entry("maintenance_work_mem", "512MB"),
            Map.entry("pg_stat_statements.track_utility", "on"),
            Map.entry("track_io_timing", "on")));

    static final List<String> SHOWN = List.of("server_version", "shared_buffers", "synchronous_commit", "fsync",
            "wal_sync_method", "full_page_writes", "max_wal_size", "checkpoint_timeout", "wal_buffers", "work_mem",
            "max_connections", "autovacuum", "autovacuum_naptime", "autovacuum_vacuum_scale_factor",
            "autovacuum_vacuum_cost_limit", "jit", "plan_cache_mode", "shared_preload_libraries");

    final String url;
    final String user;
    final String password;
    final String kind;
    private final EmbeddedPostgres embedded;
    private final Path dataDirectory;
    private Connection connection;

    private BenchDb(String url, String user, String password, String kind, EmbeddedPostgres embedded, Path dir) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.kind = kind;
        this.embedded = embedded;
        this.dataDirectory = dir;
    }

    static BenchDb open(String url, String user, String password) throws Exception {
        if (url != null && !url.isBlank()) {
            return new BenchDb(url, user, password, "external", null, null);
        }
        Path dir = Files.createTempDirectory("stepwise-bench-pg");
        var builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true);
        EMBEDDED_SETTINGS.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        return new BenchDb(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                "embedded zonky binaries, temporary directory", pg, dir);
    }

    /**
     * Opens a REPEATABLE READ transaction on a connection of its own and takes its snapshot: until the
     * returned connection is closed, vacuum can remove no row version deleted or updated after now.
     */
    Connection holdSnapshot() throws SQLException {
        Connection holder = DriverManager.getConnection(url, user, password);
        holder.setAutoCommit(false);
        holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = holder.createStatement()) {
            s.executeQuery("SELECT count(*) FROM execution").close();
        }
        return holder;
    }

    synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    void exec(String sql) throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute(sql);
        }
    }

    long longValue(String sql) throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    String string(String sql) throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : SHOWN) {
            try {
                settings.put(name, string("SHOW " + name));
            } catch (SQLException e) {
                settings.put(name, "n/a");
            }
        }
        return settings;
    }

    boolean hasStatStatements() {
        try {
            exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            exec("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Empties the tables the engine writes; definitions stay. */
    void truncate() throws SQLException {
        exec("TRUNCATE execution, step, history, task_token, job, job_unique_key");
    }

    void settle() throws SQLException {
        exec("VACUUM ANALYZE execution");
        exec("VACUUM ANALYZE step");
        exec("VACUUM ANALYZE history");
        exec("CHECKPOINT");
    }

    private String postmaster = "";

    /** The pid of this server's postmaster: the parent of our own backend (same host only). */
    void findPostmaster() {
        try {
            String backend = string("SELECT pg_backend_pid()");
            String stat = Files.readString(Path.of("/proc", backend, "stat"));
            postmaster = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
        } catch (IOException | SQLException | RuntimeException e) {
            postmaster = "";
        }
    }

    /** CPU ticks (user + system, 1/100 s) of this server's processes, by pid. */
    Map<String, Long> postgresCpuTicks() {
        Map<String, Long> ticks = new java.util.HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    // this server only: its postmaster and the postmaster's children (other servers may run here)
                    if (!name.equals(postmaster) && !f[1].equals(postmaster)) {
                        continue;
                    }
                    ticks.put(name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException ignored) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** CPU seconds the postgres processes alive now used since the sample (processes that exited are lost). */
    double postgresCpuSecondsSince(Map<String, Long> before) {
        long delta = 0;
        for (var e : postgresCpuTicks().entrySet()) {
            delta += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return delta / 100.0;
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (embedded != null) {
            embedded.close(); // zonky deletes the temporary data directory (setCleanDataDirectory)
        }
    }
}
