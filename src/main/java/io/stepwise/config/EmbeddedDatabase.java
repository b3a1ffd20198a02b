package io.stepwise.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server process run from the zonky binaries. Used by development mode and by the test
 * suite; it keeps zonky's types out of every class that production loads.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster on first use and reusing it after.
     * Port 0 picks a free port.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, true);
    }

    /**
     * @param durable true for data that must survive a crash (development mode). zonky turns fsync,
     *     synchronous commit and full-page writes off by default; that suits throw-away test databases
     *     only, so durable servers switch them back on.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDirectory);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // Closed by its owner (the Spring context after the workers have stopped, or the test
                // suite's hook), not by zonky's own shutdown hook: that one ran alongside Spring's and
                // stopped PostgreSQL under running workers, whose shutdown then waited 30 s for a connection.
                .setRegisterShutdownHook(false)
                // sized for a developer's laptop
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB");
        if (durable) {
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
