package io.stepwise.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server process run from the zonky binaries. Used by development mode and by the test
 * suite; it keeps zonky's types out of every class that production loads.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

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
        stopOrphan(dataDirectory);
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

    /**
     * A server still running on the data directory was left by a Stepwise that died without stopping
     * it (kill -9): stop it on purpose, so this start owns the directory, instead of failing on its lock
     * file (or, on the same port, quietly talking to a server nobody owns). A stale lock file is left to
     * PostgreSQL, which starts over it.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(lockFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(lockFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("An embedded PostgreSQL (pid {}) is still running on {}, left by a Stepwise that did not stop it; "
                + "stopping it before starting a new one", orphan.get().pid(), dataDirectory);
        // SIGTERM is PostgreSQL's smart shutdown: its clients died with their process, so it stops at once
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL (pid " + orphan.get().pid() + ") on " + dataDirectory
                    + " did not stop within 30 s; stop it by hand (kill " + orphan.get().pid() + ")", e);
        }
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
