package io.stepwise.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        try (var first = EmbeddedDatabase.start(dataDirectory, 0);
                var connection = DriverManager.getConnection(first.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER)) {
            connection.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        try (var second = EmbeddedDatabase.start(dataDirectory, 0);
                var connection = DriverManager.getConnection(second.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
                var rows = connection.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
            assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("17.");
            try (var fsync = connection.createStatement().executeQuery("SHOW fsync")) {
                fsync.next();
                assertThat(fsync.getString(1)).as("the development database is durable").isEqualTo("on");
            }
        }
    }

    @Test
    void aServerLeftRunningByAKilledStepwiseIsStoppedOnPurposeByTheNextStart() throws Exception {
        // started by a JVM that then dies without stopping it, as after kill -9
        Process starter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedDatabase.class.getName(),
                dataDirectory.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(starter.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long orphan = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        try (var next = EmbeddedDatabase.start(dataDirectory, 0);
                var connection = DriverManager.getConnection(next.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
                var rows = connection.createStatement().executeQuery("SELECT pg_backend_pid() > 0")) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean(1)).isTrue();
        }
    }
}
