package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard and the alert rules read real series: a real Prometheus (Debian's package) scrapes this
 * Stepwise every second while a workload runs, then every PromQL expression of every panel, every
 * variable's query and every rule must return at least one series, and every metric name they select
 * must exist on its own (so a misspelt name fails even inside an {@code or}). Rule thresholds would
 * hide series on a quiet test system, so rules are evaluated with {@code bool} comparisons, operand by
 * operand of their top-level {@code and}/{@code unless}.
 */
class PrometheusDashboardTest extends IntegrationTest {

    static final Path DASHBOARD = Path.of("helm/stepwise/dashboards/stepwise.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,]+?)\\s*,\\s*(\\w+)\\s*\\)");
    /** Grafana's variables, as the test fills them: all state machines and queues, windows covering the run. */
    private static final Map<String, String> VARIABLES = Map.of("$__rate_interval", "2m", "$__range", "1h",
            "$__interval", "15s", "$state_machine", ".*", "$queue", ".*");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPanelAndRuleExpressionReturnsSeries(@TempDir Path dir) throws Exception {
        Path prometheus = PrometheusTools.binary("prometheus");
        int prometheusPort = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: stepwise
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(AlertRulesTest.RULES.toAbsolutePath(), port));
        Process process = new ProcessBuilder(prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String base = "http://127.0.0.1:" + prometheusPort;
        try {
            Eventually.await(Duration.ofSeconds(30), () -> status(base + "/-/ready"), s -> s == 200);
            MetricsWorkload.run(api);
            // the queue gauges appear after the leader's next sample; rates need two scrapes of a change
            Eventually.await(Duration.ofSeconds(60), () -> failing(base, Map.of("stepwise_queue_steps", "queue gauges",
                    "rate(stepwise_executions_finished_total[2m]) > 0", "finished executions")), List::isEmpty);

            Map<String, String> expressions = expressions();
            assertThat(expressions).hasSizeGreaterThan(30);
            List<String> failures = Eventually.await(Duration.ofSeconds(30),
                    () -> failing(base, expressions), List::isEmpty);
            assertThat(failures).isEmpty();

            JsonNode rules = get(base + "/api/v1/rules");
            List<String> ruleHealth = new ArrayList<>();
            rules.at("/data/groups").forEach(g -> g.get("rules").forEach(r -> ruleHealth.add(
                    r.get("name").asString() + "=" + r.get("health").asString())));
            assertThat(ruleHealth).hasSize(4).allMatch(h -> h.endsWith("=ok"), "every rule evaluates without error");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nPrometheus log (tail):\n" + tail(dir.resolve("prometheus.log")), e);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Every query to run, with where it came from; variables already substituted. */
    private static Map<String, String> expressions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode dashboard = Json.parse(Files.readString(DASHBOARD));
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                add(out, substitute(target.get("expr").asString()), "panel " + panel.get("title").asString());
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asString(""));
            if (m.find()) {
                // the variable lists values of this label: the metric must carry it
                add(out, "count by (" + m.group(2) + ") (" + m.group(1) + ")", "variable " + variable.get("name").asString());
            }
        }
        Map<String, Object> rules = new Yaml().load(Files.readString(AlertRulesTest.RULES));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                String name = String.valueOf(r.containsKey("alert") ? r.get("alert") : r.get("record"));
                for (String operand : PromQl.topLevelOperands(String.valueOf(r.get("expr")))) {
                    add(out, PromQl.withBoolComparisons(operand), "rule " + name);
                }
            }
        }
        return out;
    }

    private static void add(Map<String, String> out, String expr, String source) {
        out.putIfAbsent(expr, source);
        for (String metric : PromQl.metricNames(expr)) {
            out.putIfAbsent("group by (__name__) ({__name__=\"" + metric + "\"})", source + ", metric " + metric);
        }
    }

    private static String substitute(String expr) {
        String out = expr;
        for (var v : VARIABLES.entrySet()) {
            out = out.replace(v.getKey(), v.getValue());
        }
        assertThat(out).as("a Grafana variable the test does not fill").doesNotContain("$");
        return out;
    }

    /** The expressions that return no series now, each with the answer Prometheus gave. */
    private List<String> failing(String base, Map<String, String> queries) {
        List<String> failing = new ArrayList<>();
        for (String query : queries.keySet()) {
            JsonNode answer = get(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            if (!"success".equals(answer.path("status").asString("")) || answer.at("/data/result").isEmpty()) {
                failing.add(queries.get(query) + ": " + query + " -> " + answer);
            }
        }
        return failing;
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus did not answer " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
