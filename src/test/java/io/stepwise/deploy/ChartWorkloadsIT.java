package io.stepwise.deploy;

import static io.stepwise.deploy.HelmChart.asList;
import static io.stepwise.deploy.HelmChart.asMap;
import static io.stepwise.deploy.HelmChart.at;
import static io.stepwise.deploy.HelmChart.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.deploy.HelmChart.Rendered;
import io.stepwise.support.Eventually;
import io.stepwise.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chart's workloads run the packaged jar as a cluster would: the chart is rendered with the test
 * PostgreSQL as its database, and each container's environment is resolved from the rendered
 * documents alone (its env, its ConfigMap, its Secrets). The migration Job must migrate and exit 0;
 * then the API and worker pods, which start with migrations off, must pass their probes on the
 * migrated schema and stop within their termination grace period. Only the HTTP port differs
 * ({@code SERVER_PORT}), since tests cannot all listen on 8080. Runs after package (failsafe).
 */
class ChartWorkloadsIT {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*");

    @TempDir
    Path tmp;

    @Test
    void migrationJobMigratesAndExitsThenThePodsPassTheirProbes() throws Exception {
        TestDatabase db = TestDatabase.get().isolated("chart_workloads");
        Matcher url = JDBC.matcher(db.url());
        assertThat(url.matches()).as(db.url()).isTrue();
        Rendered r = HelmChart.render(values("worker.enabled", true, "database.host", url.group(1),
                "database.port", Integer.parseInt(url.group(2)), "database.name", url.group(3),
                "database.username", db.user(), "database.password", db.password()));
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));

        // the hook Job: migrates, finds nothing else to do, exits 0
        Map<String, Object> job = r.one("Job", HelmChart.RELEASE + "-stepwise-migrate");
        Map<String, String> jobEnv = environment(r, Rendered.container(job));
        assertThat(jobEnv.get("SPRING_DATASOURCE_URL")).startsWith(db.url().replaceAll("\\?.*", ""));
        Path jobLog = tmp.resolve("job.log");
        StringBuilder timings = new StringBuilder("ChartWorkloadsIT:");
        long t0 = System.nanoTime();
        Process migrate = start(jobEnv, jobLog);
        assertThat(migrate.waitFor(180, TimeUnit.SECONDS)).as("the Job ends; output:\n%s", read(jobLog)).isTrue();
        assertThat(migrate.exitValue()).as("output:\n%s", read(jobLog)).isZero();
        timings.append(String.format(" job done in %d ms;", (System.nanoTime() - t0) / 1_000_000));
        long migrations;
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .query(Long.class).single()).isEqualTo(migrations);
        assertThat(read(jobLog)).doesNotContain("Tomcat started");

        // the pods, migrations off, on the migrated schema
        for (String component : List.of("api", "worker")) {
            Map<String, Object> deployment = r.one("Deployment", HelmChart.RELEASE + "-stepwise-" + component);
            Map<String, Object> container = Rendered.container(deployment);
            Map<String, String> env = environment(r, container);
            assertThat(env).containsEntry("SPRING_FLYWAY_ENABLED", "false");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            env.put("SERVER_PORT", Integer.toString(port));
            Path log = tmp.resolve(component + ".log");
            long started = System.nanoTime();
            Process pod = start(env, log);
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    String path = (String) at(container, probe, "httpGet", "path");
                    assertThat(at(container, probe, "httpGet", "port")).isEqualTo(at(container, "ports", 0, "name"));
                    int status = Eventually.await(Duration.ofSeconds(120), () -> status(http, port, path, pod),
                            s -> s == 200 || !pod.isAlive());
                    assertThat(status).as("%s %s %s; output:\n%s", component, probe, path, read(log)).isEqualTo(200);
                }
                assertThat(read(log)).as("no migration in a pod").doesNotContain("Current version of schema");
                timings.append(String.format(" %s probes 200 after %d ms,", component, (System.nanoTime() - started) / 1_000_000));
            } finally {
                int grace = (Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
                long stopping = System.nanoTime();
                pod.destroy();
                boolean stopped = pod.waitFor(grace, TimeUnit.SECONDS);
                if (!stopped) {
                    pod.destroyForcibly().waitFor();
                }
                assertThat(stopped).as("%s stops within %d s of SIGTERM; output:\n%s", component, grace, read(log)).isTrue();
                timings.append(String.format(" stopped in %d ms;", (System.nanoTime() - stopping) / 1_000_000));
            }
        }
        System.out.println(timings);
    }

    /** A container's environment as the kubelet would give it, from the rendered documents alone. */
    private static Map<String, String> environment(Rendered r, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        Object envFrom = container.get("envFrom");
        if (envFrom != null) {
            for (Object source : asList(envFrom)) {
                String configMap = (String) at(source, "configMapRef", "name");
                assertThat(configMap).as("only ConfigMaps feed envFrom").isNotNull();
                asMap(at(r.one("ConfigMap", configMap), "data")).forEach((k, v) -> env.put(k, (String) v));
            }
        }
        Rendered.env(container).forEach((name, value) -> {
            if (value.startsWith("secret:")) {
                String[] ref = value.substring("secret:".length()).split("/");
                String encoded = (String) at(r.one("Secret", ref[0]), "data", ref[1]);
                value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
            env.put(name, value);
        });
        return env;
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:MaxRAMPercentage=75", "-jar", packagedJar().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("STEPWISE_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int status(HttpClient http, int port, String path, Process pod) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(f -> f.getFileName().toString().matches("stepwise-[^-].*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-sources.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/stepwise-*.jar: run after package"));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
