package io.stepwise.deploy;

import static io.stepwise.deploy.HelmChart.asList;
import static io.stepwise.deploy.HelmChart.asMap;
import static io.stepwise.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.worker.WorkerProperties;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose itself reads it: {@code docker-compose config} (Debian's package, which
 * .ci/run installs; {@code docker compose} where only the plugin is, as on GitHub's runners) normalises
 * and validates the file, and the result is checked for what {@code docker compose up} needs.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY).*");
    private static final Pattern DEV_DEFAULT = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*):-([^}]*)}");

    @Test
    void everyServiceWaitsForWhatItNeedsToBeHealthy() throws Exception {
        Map<String, Object> services = services(config(Map.of()));
        assertThat(services).containsOnlyKeys("postgres", "stepwise", "stepwise-api", "prometheus", "grafana");

        for (String name : List.of("postgres", "prometheus", "grafana")) {
            assertThat(asList(at(services, name, "healthcheck", "test"))).as(name + " health check").isNotEmpty();
        }
        assertThat(String.join(" ", strings(at(services, "postgres", "healthcheck", "test")))).contains("pg_isready");

        assertThat(dependsOn(services, "stepwise")).containsExactlyEntriesOf(Map.of("postgres", "service_healthy"));
        assertThat(dependsOn(services, "stepwise-api")).containsExactlyEntriesOf(Map.of("postgres", "service_healthy"));
        assertThat(dependsOn(services, "grafana")).containsExactlyEntriesOf(Map.of("prometheus", "service_healthy"));
        assertThat(dependsOn(services, "prometheus")).containsOnlyKeys("stepwise", "stepwise-api");
        // service_healthy only on services that have a health check (else `up` waits forever)
        for (String service : services.keySet()) {
            dependsOn(services, service).forEach((target, condition) -> {
                if (condition.equals("service_healthy")) {
                    assertThat(at(services, target, "healthcheck", "test")).as(service + " → " + target).isNotNull();
                }
            });
        }
    }

    @Test
    void postgresIs17WithItsDataInAVolume() throws Exception {
        Map<String, Object> config = config(Map.of());
        Map<String, Object> postgres = asMap(services(config).get("postgres"));
        assertThat((String) postgres.get("image")).matches("postgres:17(\\..*|-.*)?");
        Mount data = mounts(postgres).stream().filter(m -> m.target().equals("/var/lib/postgresql/data")).findFirst()
                .orElseThrow();
        assertThat(data.type()).isEqualTo("volume");
        assertThat(asMap(config.get("volumes"))).containsKey(data.source());
    }

    @Test
    void twoStepwiseReplicasFromTheDockerfileOneOfThemApiOnly() throws Exception {
        Map<String, Object> services = services(config(Map.of()));
        // the API-only switch, named after the real property: stepwise.worker.enabled
        String prefix = WorkerProperties.class.getAnnotation(ConfigurationProperties.class).value();
        assertThat(WorkerProperties.class.getRecordComponents()[0].getName()).isEqualTo("enabled");
        String workerSwitch = (prefix + ".enabled").replace('.', '_').replace("-", "").toUpperCase();
        assertThat(workerSwitch).isEqualTo("STEPWISE_WORKER_ENABLED");

        for (String name : List.of("stepwise", "stepwise-api")) {
            Map<String, Object> service = asMap(services.get(name));
            assertThat(Path.of((String) at(service, "build", "context"))).as(name).isEqualTo(REPO);
            Object dockerfile = at(service, "build", "dockerfile");
            assertThat(dockerfile == null || dockerfile.equals("Dockerfile")).as(name + " dockerfile").isTrue();
            Map<String, Object> env = asMap(service.get("environment"));
            assertThat((String) env.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(env).containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        }
        assertThat(asMap(at(services, "stepwise-api", "environment"))).containsEntry(workerSwitch, "false");
        assertThat(asMap(at(services, "stepwise", "environment"))).doesNotContainKey(workerSwitch);
        // published on the loopback only, each on its own port
        List<String> published = new ArrayList<>();
        for (Object service : services.values()) {
            for (Port p : ports(asMap(service))) {
                assertThat(p.hostIp()).as(p.toString()).isEqualTo("127.0.0.1");
                published.add(p.published());
            }
        }
        assertThat(published).doesNotHaveDuplicates().contains("8080", "8081", "3000", "9090");
    }

    @Test
    void prometheusScrapesBothReplicasAndLoadsTheChartsRules() throws Exception {
        Map<String, Object> services = services(config(Map.of()));
        List<Mount> mounts = mounts(asMap(services.get("prometheus")));
        Mount configMount = mountOf(mounts, REPO.resolve("deploy/compose/prometheus.yml"));
        Mount rulesMount = mountOf(mounts, REPO.resolve("helm/stepwise/rules/stepwise-alerts.yml"));
        List<String> command = strings(at(services, "prometheus", "command"));
        assertThat(command).contains("--config.file=" + configMount.target());

        Map<String, Object> prometheus = asMap(new Yaml().load(Files.readString(Path.of("deploy/compose/prometheus.yml"))));
        assertThat(strings(prometheus.get("rule_files"))).containsExactly(rulesMount.target());
        Map<String, Object> job = asMap(asList(prometheus.get("scrape_configs")).getFirst());
        assertThat(job).containsEntry("job_name", "stepwise").containsEntry("metrics_path", "/actuator/prometheus");
        List<String> targets = strings(at(job, "static_configs", 0, "targets"));
        assertThat(targets).containsExactlyInAnyOrder("stepwise:8080", "stepwise-api:8080");
        for (String target : targets) {
            assertThat(services).containsKey(target.substring(0, target.indexOf(':')));
        }
    }

    @Test
    void prometheusAcceptsItsConfigAndTheRulesItLoads() throws Exception {
        // promtool checks the config and every rule file it names; the rule file's container path is
        // mapped back to the file compose mounts there
        Map<String, Object> services = services(config(Map.of()));
        String text = Files.readString(Path.of("deploy/compose/prometheus.yml"));
        for (Mount m : mounts(asMap(services.get("prometheus")))) {
            if (m.type().equals("bind")) {
                text = text.replace(m.target(), m.source());
            }
        }
        assertThat(text).contains(REPO.resolve("helm/stepwise/rules/stepwise-alerts.yml").toString());
        Path config = Files.createTempFile("prometheus", ".yml");
        try {
            Files.writeString(config, text);
            Process p;
            try {
                p = new ProcessBuilder("promtool", "check", "config", config.toString()).redirectErrorStream(true).start();
            } catch (IOException missing) {
                throw new AssertionError("install prometheus (Debian package, for promtool): apt-get install -y prometheus", missing);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("SUCCESS");
        } finally {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void grafanaShowsTheRepositorysOneDashboardFromPrometheus() throws Exception {
        Map<String, Object> services = services(config(Map.of()));
        List<Mount> mounts = mounts(asMap(services.get("grafana")));
        Path dashboard = REPO.resolve("helm/stepwise/dashboards/stepwise.json");
        Mount dashboardMount = mountOf(mounts, dashboard);
        assertThat(dashboardMount.readOnly()).isTrue();

        // the provider loads the folder the file is mounted into
        Mount providers = mountOf(mounts, REPO.resolve("deploy/compose/grafana/provisioning/dashboards"));
        assertThat(providers.target()).isEqualTo("/etc/grafana/provisioning/dashboards");
        Map<String, Object> provider = asMap(asList(asMap(new Yaml().load(Files.readString(
                Path.of("deploy/compose/grafana/provisioning/dashboards/stepwise.yml")))).get("providers")).getFirst());
        assertThat(dashboardMount.target()).isEqualTo(at(provider, "options", "path") + "/stepwise.json");
        assertThat(asMap(at(services, "grafana", "environment")))
                .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", dashboardMount.target());

        Mount datasources = mountOf(mounts, REPO.resolve("deploy/compose/grafana/provisioning/datasources"));
        assertThat(datasources.target()).isEqualTo("/etc/grafana/provisioning/datasources");
        Map<String, Object> source = asMap(asList(asMap(new Yaml().load(Files.readString(
                Path.of("deploy/compose/grafana/provisioning/datasources/prometheus.yml")))).get("datasources")).getFirst());
        assertThat(source).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090")
                .containsEntry("isDefault", true);

        // no second copy of the dashboard anywhere in the compose setup
        try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).toList()).isEmpty();
        }
    }

    @Test
    void noSecretInPlainTextOnlyDevDefaultsThatTheEnvironmentOverrides() throws Exception {
        // in the file: every secret-looking value is a ${VAR:-dev default}
        Map<String, Object> raw = asMap(new Yaml().load(Files.readString(COMPOSE)));
        List<String> secretValues = new ArrayList<>();
        collectSecretValues(raw, secretValues);
        assertThat(secretValues).isNotEmpty().allSatisfy(v -> assertThat(v).matches(DEV_DEFAULT));
        for (String line : Files.readAllLines(COMPOSE)) {
            Matcher m = Pattern.compile("^\\s*([A-Z_]+)\\s*:\\s*(\\S.*)$").matcher(line);
            if (m.matches() && SECRET_NAME.matcher(m.group(1)).matches()) {
                assertThat(m.group(2)).as(line).matches(DEV_DEFAULT.pattern());
            }
        }

        // with nothing set, the dev defaults; with the variables set, theirs, the same in every service
        Map<String, Object> dev = services(config(Map.of()));
        assertThat(at(dev, "postgres", "environment", "POSTGRES_PASSWORD"))
                .isEqualTo(at(dev, "stepwise", "environment", "SPRING_DATASOURCE_PASSWORD"));
        Map<String, Object> set = services(config(Map.of("POSTGRES_PASSWORD", "from-env-1", "POSTGRES_USER", "ops",
                "GRAFANA_ADMIN_PASSWORD", "from-env-2")));
        assertThat(at(set, "postgres", "environment", "POSTGRES_PASSWORD")).isEqualTo("from-env-1");
        assertThat(at(set, "postgres", "environment", "POSTGRES_USER")).isEqualTo("ops");
        for (String replica : List.of("stepwise", "stepwise-api")) {
            assertThat(at(set, replica, "environment", "SPRING_DATASOURCE_PASSWORD")).isEqualTo("from-env-1");
            assertThat(at(set, replica, "environment", "SPRING_DATASOURCE_USERNAME")).isEqualTo("ops");
        }
        assertThat(at(set, "grafana", "environment", "GF_SECURITY_ADMIN_PASSWORD")).isEqualTo("from-env-2");
    }

    private static void collectSecretValues(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof String s && SECRET_NAME.matcher(String.valueOf(k)).matches()) {
                    out.add(s);
                } else {
                    collectSecretValues(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectSecretValues(v, out));
        }
    }

    // --- running Compose

    static List<String> composeCommand() throws InterruptedException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "docker-compose"))) {
                return List.of(Path.of(dir, "docker-compose").toString());
            }
        }
        try {
            Process p = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return List.of("docker", "compose");
            }
        } catch (IOException noDocker) {
            // fall through to the message
        }
        throw new AssertionError("install docker-compose (Debian package): apt-get install -y docker-compose "
                + "(.ci/run installs it when missing)");
    }

    private static Map<String, Object> defaults;

    /** {@code docker-compose config} with only PATH and HOME from this environment, plus {@code env}. */
    static synchronized Map<String, Object> config(Map<String, String> env) throws IOException, InterruptedException {
        if (env.isEmpty()) {
            if (defaults == null) {
                defaults = run(env);
            }
            return defaults;
        }
        return run(env);
    }

    private static Map<String, Object> run(Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", COMPOSE.toAbsolutePath().toString(), "config"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        Map<String, String> environment = pb.environment();
        Map<String, String> keep = new LinkedHashMap<>();
        for (String name : List.of("PATH", "HOME")) {
            if (System.getenv(name) != null) {
                keep.put(name, System.getenv(name));
            }
        }
        environment.clear();
        environment.putAll(keep);
        environment.putAll(env);
        Path err = Files.createTempFile("compose", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s failed:\n%s", command, Files.readString(err)).isZero();
            return asMap(new Yaml().load(out));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    // --- the normalised file, whichever Compose wrote it (v1 writes short forms, v2 long ones)

    private static Map<String, Object> services(Map<String, Object> config) {
        return asMap(config.get("services"));
    }

    private static Map<String, String> dependsOn(Map<String, Object> services, String service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object deps = at(services, service, "depends_on");
        if (deps instanceof List<?> list) {
            list.forEach(d -> out.put((String) d, "service_started"));
        } else if (deps instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put((String) k, (String) asMap(v).get("condition")));
        }
        return out;
    }

    record Mount(String type, String source, String target, boolean readOnly) {
    }

    private static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> out = new ArrayList<>();
        Object volumes = service.get("volumes");
        if (volumes == null) {
            return out;
        }
        for (Object v : asList(volumes)) {
            if (v instanceof String s) {
                String[] parts = s.split(":");
                boolean bind = parts[0].startsWith("/") || parts[0].startsWith(".");
                boolean ro = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                out.add(new Mount(bind ? "bind" : "volume", parts[0], parts[1], ro));
            } else {
                Map<String, Object> m = asMap(v);
                out.add(new Mount((String) m.get("type"), (String) m.get("source"), (String) m.get("target"),
                        Boolean.TRUE.equals(m.get("read_only"))));
            }
        }
        return out;
    }

    private static Mount mountOf(List<Mount> mounts, Path source) {
        return mounts.stream().filter(m -> m.type().equals("bind") && Path.of(m.source()).equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError("no bind mount of " + source + " in " + mounts));
    }

    record Port(String hostIp, String published, String target) {
    }

    private static List<Port> ports(Map<String, Object> service) {
        List<Port> out = new ArrayList<>();
        Object ports = service.get("ports");
        if (ports == null) {
            return out;
        }
        for (Object p : asList(ports)) {
            if (p instanceof String s) {
                String[] parts = s.replaceAll("/\\w+$", "").split(":");
                out.add(parts.length == 3 ? new Port(parts[0], parts[1], parts[2])
                        : new Port("", parts[0], parts[parts.length - 1]));
            } else {
                Map<String, Object> m = asMap(p);
                out.add(new Port(String.valueOf(m.getOrDefault("host_ip", "")), String.valueOf(m.get("published")),
                        String.valueOf(m.get("target"))));
            }
        }
        return out;
    }

    private static List<String> strings(Object list) {
        return asList(list).stream().map(String::valueOf).toList();
    }
}
