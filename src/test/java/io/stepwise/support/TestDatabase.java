package io.stepwise.support;

import io.stepwise.config.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL of this test JVM, chosen once: {@code STEPWISE_TEST_DATABASE_URL} (with
 * {@code _USER}/{@code _PASSWORD}) when set, else a Testcontainers PostgreSQL 17 when a Docker engine
 * answers, else an embedded PostgreSQL 17 in a temporary directory.
 */
public record TestDatabase(String url, String user, String password, String kind) {

    private static TestDatabase instance;

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = choose();
        }
        return instance;
    }

    /**
     * A database of its own on the same server, created empty (Flyway migrates it when a Stepwise starts
     * on it): for tests whose replicas must be the only ones working, which the shared database cannot
     * promise while other test contexts of this JVM poll it.
     */
    public TestDatabase isolated(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        var admin = JdbcClient.create(new DriverManagerDataSource(url, user, password));
        admin.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
        admin.sql("CREATE DATABASE " + name).update();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String isolated = base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : url.substring(query));
        return new TestDatabase(isolated, user, password, kind);
    }

    private static TestDatabase choose() {
        String url = System.getenv("STEPWISE_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, env("STEPWISE_TEST_DATABASE_USER", "postgres"),
                    env("STEPWISE_TEST_DATABASE_PASSWORD", "postgres"), "external");
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "testcontainers");
        }
        try {
            // a throw-away cluster: no fsync, as zonky sets it up, keeps the suite fast
            var database = EmbeddedDatabase.start(Files.createTempDirectory("stepwise-test-pg"), 0, false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary cluster goes with it
                }
            }));
            return new TestDatabase(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER, "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
