package io.stepwise.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
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
}
