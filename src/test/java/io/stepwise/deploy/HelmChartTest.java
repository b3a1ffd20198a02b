package io.stepwise.deploy;

import static io.stepwise.deploy.HelmChart.asList;
import static io.stepwise.deploy.HelmChart.asMap;
import static io.stepwise.deploy.HelmChart.at;
import static io.stepwise.deploy.HelmChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.stepwise.deploy.HelmChart.Rendered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart (helm/stepwise) as Helm renders it: lint, then {@code helm template} with the default
 * values and the main variants, parsed into documents and checked where a cluster would fail or
 * misbehave.
 */
class HelmChartTest {

    private static final String FULLNAME = HelmChart.RELEASE + "-stepwise";

    @Test
    void lintPassesStrict() {
        LintResult lint = new Helm(HelmChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultsMakeOneDeploymentThatServesAndRunsSteps() {
        Rendered r = HelmChart.render(values());
        assertThat(r.names("Deployment")).containsExactly(FULLNAME);
        assertThat(r.has("HorizontalPodAutoscaler")).isFalse();
        assertThat(r.has("ScaledObject")).isFalse();
        assertThat(r.has("ServiceMonitor")).isFalse();
        assertThat(r.has("PrometheusRule")).isFalse();
        assertThat(r.has("NetworkPolicy")).isFalse();
        assertThat(r.names("ConfigMap")).containsExactly(FULLNAME);

        Map<String, Object> deployment = r.one("Deployment", FULLNAME);
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        Map<String, Object> container = Rendered.container(deployment);
        assertProbes(container);
        assertHardened(deployment);
        assertThat(Rendered.env(container))
                .containsEntry("STEPWISE_WORKER_ENABLED", "true")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "secret:" + FULLNAME + "-db/password");
        assertThat(at(container, "envFrom", 0, "configMapRef", "name")).isEqualTo(FULLNAME);

        Map<String, Object> config = asMap(at(r.one("ConfigMap", FULLNAME), "data"));
        assertThat(config)
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgresql:5432/stepwise?sslmode=prefer")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "stepwise")
                // the hook Job migrates; the pods must not race to
                .containsEntry("SPRING_FLYWAY_ENABLED", "false")
                .containsEntry("STEPWISE_WORKER_SHUTDOWNGRACE", "30s")
                .containsEntry("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE", "20s");
        assertThat(config.values()).allMatch(v -> v instanceof String, "ConfigMap data values are strings");

        // the API Service selects the pods and reaches them on the named port
        Map<String, Object> service = r.one("Service", FULLNAME);
        assertThat(asMap(at(service, "spec", "selector"))).isEqualTo(asMap(at(deployment, "spec", "selector", "matchLabels")));
        assertThat(at(service, "spec", "ports", 0, "targetPort")).isEqualTo("http");
        assertThat(asMap(at(deployment, "spec", "template", "metadata", "labels")))
                .containsAllEntriesOf(asMap(at(service, "spec", "selector")));

        Map<String, Object> pdb = r.one("PodDisruptionBudget", FULLNAME);
        assertThat(at(pdb, "spec", "selector")).isEqualTo(at(deployment, "spec", "selector"));
        assertThat(at(pdb, "spec", "maxUnavailable")).isEqualTo(1);

        // a new config or password rolls the pods
        assertThat(asMap(at(deployment, "spec", "template", "metadata", "annotations")))
                .containsKeys("checksum/config", "checksum/secret");
        assertThat(at(r.one("Secret", FULLNAME + "-db"), "data", "password")).isEqualTo("");
    }

    @Test
    void shutdownDrainsWithinTheTerminationGracePeriod() {
        Map<String, Object> deployment = HelmChart.render(values()).one("Deployment", FULLNAME);
        Map<String, Object> container = Rendered.container(deployment);
        int preStop = (Integer) at(container, "lifecycle", "preStop", "sleep", "seconds");
        int grace = (Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
        assertThat(preStop).isPositive();
        // no exec preStop: the image has no shell or sleep binary
        assertThat(at(container, "lifecycle", "preStop", "exec")).isNull();
        // preStop, then running steps (up to the grace twice: wait, cancel, wait), then web requests
        assertThat(grace).isGreaterThan(preStop + 2 * 30 + 20);

        Map<String, Object> custom = HelmChart.render(values("shutdown.terminationGracePeriodSeconds", 300,
                "shutdown.workerGraceSeconds", 90)).one("Deployment", FULLNAME);
        assertThat(at(custom, "spec", "template", "spec", "terminationGracePeriodSeconds")).isEqualTo(300);
        assertThat(at(HelmChart.render(values("shutdown.workerGraceSeconds", 90)).one("ConfigMap", FULLNAME),
                "data", "STEPWISE_WORKER_SHUTDOWNGRACE")).isEqualTo("90s");
    }

    @Test
    void migrationsRunOnceInAHookJobBeforeThePods() {
        Rendered r = HelmChart.render(values("database.password", "s3cret"));
        Map<String, Object> job = r.one("Job", FULLNAME + "-migrate");
        Map<String, Object> annotations = asMap(at(job, "metadata", "annotations"));
        assertThat(annotations).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation");
        assertThat(at(job, "spec", "template", "spec", "restartPolicy")).isEqualTo("Never");
        assertHardened(job);

        Map<String, Object> container = Rendered.container(job);
        Map<String, String> env = Rendered.env(container);
        Map<String, Object> config = asMap(at(r.one("ConfigMap", FULLNAME), "data"));
        // the same settings as the pods (the ConfigMap does not exist yet on install), migrating, no server
        config.forEach((k, v) -> {
            if (!k.equals("SPRING_FLYWAY_ENABLED")) {
                assertThat(env).containsEntry(k, (String) v);
            }
        });
        assertThat(env).containsEntry("SPRING_FLYWAY_ENABLED", "true")
                .containsEntry("SPRING_MAIN_WEBAPPLICATIONTYPE", "none")
                .containsEntry("STEPWISE_WORKER_ENABLED", "false")
                .containsEntry("STEPWISE_MAINTENANCE_ENABLED", "false")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "secret:" + FULLNAME + "-migrate/password");
        assertThat(container.get("envFrom")).isNull();

        // the Job's own copy of the password: a hook, created before the Job, gone once hooks succeed
        Map<String, Object> hookSecret = r.one("Secret", FULLNAME + "-migrate");
        Map<String, Object> secretAnnotations = asMap(at(hookSecret, "metadata", "annotations"));
        assertThat(secretAnnotations).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(Integer.parseInt((String) secretAnnotations.get("helm.sh/hook-weight")))
                .isLessThan(Integer.parseInt((String) annotations.get("helm.sh/hook-weight")));
        assertThat(at(hookSecret, "data", "password")).isEqualTo(at(r.one("Secret", FULLNAME + "-db"), "data", "password"))
                .isEqualTo("czNjcmV0");
    }

    @Test
    void helmTakesTheJobAndItsSecretForHooks() {
        // rendered as the chart is, the hook documents are not part of the release's manifest
        Rendered plain = HelmChart.renderPlain(values());
        assertThat(plain.has("Job")).isFalse();
        assertThat(plain.names("Secret")).containsExactly(FULLNAME + "-db");
        assertThat(plain.names("Deployment")).containsExactly(FULLNAME);
    }

    @Test
    void migrationsOffLetEveryPodMigrate() {
        Rendered r = HelmChart.render(values("migrations.enabled", false));
        assertThat(r.has("Job")).isFalse();
        assertThat(at(r.one("ConfigMap", FULLNAME), "data", "SPRING_FLYWAY_ENABLED")).isEqualTo("true");
    }

    @Test
    void workerEnabledSplitsApiAndWorkerDeployments() {
        Rendered r = HelmChart.render(values("worker.enabled", true, "replicaCount", 3, "worker.replicaCount", 5,
                "worker.resources", Map.of("requests", Map.of("cpu", "2", "memory", "2Gi"))));
        assertThat(r.names("Deployment")).containsExactlyInAnyOrder(FULLNAME + "-api", FULLNAME + "-worker");
        Map<String, Object> api = r.one("Deployment", FULLNAME + "-api");
        Map<String, Object> worker = r.one("Deployment", FULLNAME + "-worker");
        assertThat(at(api, "spec", "replicas")).isEqualTo(3);
        assertThat(at(worker, "spec", "replicas")).isEqualTo(5);
        assertThat(at(Rendered.container(worker), "resources", "requests", "cpu")).isEqualTo("2");
        assertThat(at(Rendered.container(api), "resources", "requests", "cpu")).isEqualTo("500m");
        assertThat(Rendered.env(Rendered.container(api))).containsEntry("STEPWISE_WORKER_ENABLED", "false");
        assertThat(Rendered.env(Rendered.container(worker))).containsEntry("STEPWISE_WORKER_ENABLED", "true");
        for (Map<String, Object> d : List.of(api, worker)) {
            assertProbes(Rendered.container(d));
            assertHardened(d);
        }
        // the two selectors must not overlap, or each Deployment would fight over the other's pods
        assertThat(at(api, "spec", "selector", "matchLabels", "app.kubernetes.io/component")).isEqualTo("api");
        assertThat(at(worker, "spec", "selector", "matchLabels", "app.kubernetes.io/component")).isEqualTo("worker");

        // API traffic goes to the API pods only; the workers have a headless Service for metrics
        assertThat(at(r.one("Service", FULLNAME), "spec", "selector", "app.kubernetes.io/component")).isEqualTo("api");
        Map<String, Object> workerService = r.one("Service", FULLNAME + "-worker");
        assertThat(at(workerService, "spec", "clusterIP")).isEqualTo("None");
        assertThat(asMap(at(workerService, "spec", "selector")))
                .isEqualTo(asMap(at(worker, "spec", "selector", "matchLabels")));
        assertThat(r.names("PodDisruptionBudget")).containsExactlyInAnyOrder(FULLNAME + "-api", FULLNAME + "-worker");
    }

    @Test
    void extraSettingsReachEveryContainerTheJobsToo() {
        String url = "jdbc:postgresql://db:5432/stepwise?sslmode=verify-full&sslrootcert=/etc/stepwise/ca/root.crt";
        Rendered r = HelmChart.render(values("worker.enabled", true,
                "env", Map.of("SPRING_DATASOURCE_URL", url, "STEPWISE_RETENTION_FINISHED", "7d"),
                "extraEnv", List.of(Map.of("name", "EXTRA", "valueFrom", Map.of("secretKeyRef", Map.of("name", "x", "key", "y")))),
                "extraVolumes", List.of(Map.of("name", "ca", "secret", Map.of("secretName", "pg-ca"))),
                "extraVolumeMounts", List.of(Map.of("name", "ca", "mountPath", "/etc/stepwise/ca", "readOnly", true))));
        // env replaces the chart's own value instead of repeating the key
        assertThat(asMap(at(r.one("ConfigMap", FULLNAME), "data"))).containsEntry("SPRING_DATASOURCE_URL", url)
                .containsEntry("STEPWISE_RETENTION_FINISHED", "7d");
        List<Map<String, Object>> workloads = new ArrayList<>(r.all("Deployment"));
        workloads.add(r.one("Job", FULLNAME + "-migrate"));
        assertThat(workloads).hasSize(3);
        for (Map<String, Object> workload : workloads) {
            Map<String, Object> container = Rendered.container(workload);
            assertThat(Rendered.env(container)).containsKey("EXTRA");
            assertThat(asList(container.get("volumeMounts"))).hasSize(2)
                    .contains(Map.of("name", "ca", "mountPath", "/etc/stepwise/ca", "readOnly", true));
            assertThat(asList(at(workload, "spec", "template", "spec", "volumes")))
                    .contains(Map.of("name", "ca", "secret", Map.of("secretName", "pg-ca")));
        }
        assertThat(Rendered.env(Rendered.container(r.one("Job", FULLNAME + "-migrate"))))
                .containsEntry("SPRING_DATASOURCE_URL", url).containsEntry("STEPWISE_RETENTION_FINISHED", "7d");
    }

    @Test
    void existingSecretReplacesTheChartsSecret() {
        Rendered r = HelmChart.render(values("database.existingSecret", "pg-credentials",
                "database.existingSecretPasswordKey", "pg-password"));
        assertThat(r.has("Secret")).isFalse();
        String ref = "secret:pg-credentials/pg-password";
        assertThat(Rendered.env(Rendered.container(r.one("Deployment", FULLNAME))))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", ref);
        assertThat(Rendered.env(Rendered.container(r.one("Job", FULLNAME + "-migrate"))))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", ref);
        assertThat(asMap(at(r.one("Deployment", FULLNAME), "spec", "template", "metadata", "annotations")))
                .doesNotContainKey("checksum/secret");

        // the user name may come from the same Secret
        Rendered withUser = HelmChart.render(values("database.existingSecret", "pg-credentials",
                "database.existingSecretUsernameKey", "pg-user", "keda.enabled", true));
        assertThat(asMap(at(withUser.one("ConfigMap", FULLNAME), "data"))).doesNotContainKey("SPRING_DATASOURCE_USERNAME");
        for (Map<String, Object> workload : List.of(withUser.one("Deployment", FULLNAME), withUser.one("Job", FULLNAME + "-migrate"))) {
            assertThat(Rendered.env(Rendered.container(workload)))
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "secret:pg-credentials/pg-user")
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", "secret:pg-credentials/password");
        }
        Map<String, Object> auth = withUser.one("TriggerAuthentication", FULLNAME + "-keda");
        assertThat(asList(at(auth, "spec", "secretTargetRef"))).containsExactlyInAnyOrder(
                Map.of("parameter", "password", "name", "pg-credentials", "key", "password"),
                Map.of("parameter", "userName", "name", "pg-credentials", "key", "pg-user"));
        assertThat(asMap(at(withUser.one("ScaledObject", FULLNAME), "spec", "triggers", 0, "metadata")))
                .doesNotContainKey("userName");

        assertThatThrownBy(() -> HelmChart.render(values("database.existingSecretUsernameKey", "pg-user")))
                .hasMessageContaining("database.existingSecretUsernameKey needs database.existingSecret");
    }

    @Test
    void kedaScalesTheStepRunnersOnDueReadySteps() {
        Rendered r = HelmChart.render(values("worker.enabled", true, "keda.enabled", true, "keda.maxReplicas", 20,
                "autoscaling.enabled", true));
        Map<String, Object> scaled = r.one("ScaledObject", FULLNAME + "-worker");
        assertThat(at(scaled, "spec", "scaleTargetRef", "name")).isEqualTo(FULLNAME + "-worker");
        assertThat(at(scaled, "spec", "maxReplicaCount")).isEqualTo(20);
        Map<String, Object> trigger = asMap(at(scaled, "spec", "triggers", 0));
        assertThat(trigger.get("type")).isEqualTo("postgresql");
        assertThat(at(trigger, "authenticationRef", "name")).isEqualTo(FULLNAME + "-keda");
        Map<String, Object> metadata = asMap(trigger.get("metadata"));
        // KEDA's metadata is a map of strings; KEDA runs in its own namespace, so the host is qualified
        assertThat(metadata.values()).allMatch(v -> v instanceof String);
        assertThat(metadata).containsEntry("host", "postgresql." + HelmChart.NAMESPACE + ".svc")
                .containsEntry("port", "5432").containsEntry("dbName", "stepwise").containsEntry("userName", "stepwise")
                .containsEntry("sslmode", "prefer").containsEntry("targetQueryValue", "1024")
                .containsKey("query").doesNotContainKey("password");
        assertThat((String) metadata.get("query")).isEqualTo(KedaQueryTest.QUERY_PREFIX + "LIMIT 20480) AS due");
        Map<String, Object> auth = r.one("TriggerAuthentication", FULLNAME + "-keda");
        assertThat(asList(at(auth, "spec", "secretTargetRef")))
                .containsExactly(Map.of("parameter", "password", "name", FULLNAME + "-db", "key", "password"));

        // KEDA owns the workers' replicas, the HPA the API's: neither Deployment pins a count
        assertThat(at(r.one("Deployment", FULLNAME + "-worker"), "spec")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("replicas");
        assertThat(at(r.one("Deployment", FULLNAME + "-api"), "spec")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("replicas");
        Map<String, Object> hpa = r.one("HorizontalPodAutoscaler", FULLNAME + "-api");
        assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(FULLNAME + "-api");
        assertThat(at(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");

        // one Deployment: KEDA scales it; with the HPA as well the two would fight, so that is refused
        Rendered single = HelmChart.render(values("keda.enabled", true, "keda.host", "db.example.internal",
                "keda.readyStepsPerReplica", 200));
        Map<String, Object> singleScaled = single.one("ScaledObject", FULLNAME);
        assertThat(at(singleScaled, "spec", "scaleTargetRef", "name")).isEqualTo(FULLNAME);
        assertThat(at(singleScaled, "spec", "triggers", 0, "metadata", "host")).isEqualTo("db.example.internal");
        assertThat(at(singleScaled, "spec", "triggers", 0, "metadata", "targetQueryValue")).isEqualTo("200");
        assertThat(at(singleScaled, "spec", "triggers", 0, "metadata", "query"))
                .isEqualTo(KedaQueryTest.QUERY_PREFIX + "LIMIT 2000) AS due");
        assertThatThrownBy(() -> HelmChart.render(values("keda.enabled", true, "autoscaling.enabled", true)))
                .hasMessageContaining("would both scale the one Deployment");
    }

    @Test
    void serviceMonitorScrapesEveryStepwisePodAndPrometheusRuleIsTheRepoFile() throws IOException {
        Rendered r = HelmChart.render(values("worker.enabled", true, "serviceMonitor.enabled", true,
                "serviceMonitor.labels", Map.of("release", "kube-prometheus-stack"), "prometheusRule.enabled", true));
        Map<String, Object> monitor = r.one("ServiceMonitor", FULLNAME);
        assertThat(at(monitor, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
        Map<String, Object> endpoint = asMap(at(monitor, "spec", "endpoints", 0));
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
        Map<String, Object> selector = asMap(at(monitor, "spec", "selector", "matchLabels"));
        // both Services (API and workers) match, and each has the port the endpoint names
        for (Map<String, Object> service : r.all("Service")) {
            assertThat(asMap(at(service, "metadata", "labels"))).containsAllEntriesOf(selector)
                    .containsEntry((String) at(monitor, "spec", "jobLabel"), "stepwise");
            assertThat(at(service, "spec", "ports", 0, "name")).isEqualTo("http");
        }
        assertThat(r.all("Service")).hasSize(2);

        Map<String, Object> rule = r.one("PrometheusRule", FULLNAME);
        Object repoRules = new Yaml().load(Files.readString(HelmChart.CHART.resolve("rules/stepwise-alerts.yml")));
        assertThat(rule.get("spec")).isEqualTo(repoRules);
    }

    @Test
    void dashboardConfigMapHoldsExactlyTheRepoFile() throws IOException {
        Rendered r = HelmChart.render(values("grafanaDashboard.enabled", true, "grafanaDashboard.namespace", "monitoring",
                "grafanaDashboard.annotations", Map.of("grafana_folder", "Stepwise")));
        Map<String, Object> dashboard = r.one("ConfigMap", FULLNAME + "-dashboard");
        assertThat(at(dashboard, "metadata", "namespace")).isEqualTo("monitoring");
        assertThat(at(dashboard, "metadata", "labels", "grafana_dashboard")).isEqualTo("1");
        assertThat(at(dashboard, "metadata", "annotations", "grafana_folder")).isEqualTo("Stepwise");
        String repoFile = Files.readString(HelmChart.CHART.resolve("dashboards/stepwise.json"), StandardCharsets.UTF_8);
        assertThat(asMap(dashboard.get("data"))).containsOnlyKeys("stepwise.json");
        assertThat(at(dashboard, "data", "stepwise.json")).isEqualTo(repoFile);
    }

    @Test
    void realDashboardsAndRulesPassThroughUntouched() {
        // what the metrics work will put there: Grafana legends and Prometheus templates in braces,
        // quotes, non-ASCII, tabs, a file without a final newline
        String dashboard = "{\n\t\"title\": \"Stepwise → queue\",\n  \"panels\": [{\"targets\": [{\"expr\": "
                + "\"sum by (instance) (rate(x{job=\\\"stepwise\\\"}[5m])) > 0 & < 1\", \"legendFormat\": \"{{instance}}\"}]}]\n}";
        String rules = """
                # comment
                groups:
                  - name: stepwise
                    rules:
                      - alert: StepwiseQueueLag
                        expr: sum(stepwise_ready_steps) > 1000
                        for: 10m
                        labels:
                          severity: warning
                        annotations:
                          summary: "{{ $labels.instance }}: {{ $value }} steps wait"
                """;
        Rendered r = HelmChart.render(values("grafanaDashboard.enabled", true, "prometheusRule.enabled", true),
                Map.of("dashboards/stepwise.json", dashboard, "rules/stepwise-alerts.yml", rules));
        assertThat(at(r.one("ConfigMap", FULLNAME + "-dashboard"), "data", "stepwise.json")).isEqualTo(dashboard);
        assertThat(r.one("PrometheusRule", FULLNAME).get("spec")).isEqualTo(new Yaml().load(rules));
        assertThat(at(r.one("PrometheusRule", FULLNAME), "spec", "groups", 0, "rules", 0, "annotations", "summary"))
                .isEqualTo("{{ $labels.instance }}: {{ $value }} steps wait");
    }

    @Test
    void networkPolicyLetsInOnlyWhatItNames() {
        Rendered r = HelmChart.render(values("networkPolicy.enabled", true, "networkPolicy.ingressFrom",
                List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))))));
        Map<String, Object> policy = r.one("NetworkPolicy", FULLNAME);
        assertThat(asList(at(policy, "spec", "policyTypes"))).containsExactly("Ingress");
        assertThat(asList(at(policy, "spec", "ingress", 0, "from"))).hasSize(2).contains(Map.of("podSelector", Map.of()));
        assertThat(at(policy, "spec", "ingress", 0, "ports", 0, "port")).isEqualTo(8080);

        // no peers: no ingress rule at all (a rule with an empty "from" would let everyone in)
        Map<String, Object> closed = HelmChart.render(values("networkPolicy.enabled", true,
                "networkPolicy.allowSameNamespace", false)).one("NetworkPolicy", FULLNAME);
        assertThat(asList(at(closed, "spec", "ingress"))).isEmpty();

        Map<String, Object> egress = HelmChart.render(values("networkPolicy.enabled", true,
                "networkPolicy.restrictEgress", true, "database.port", 6432)).one("NetworkPolicy", FULLNAME);
        assertThat(asList(at(egress, "spec", "policyTypes"))).containsExactly("Ingress", "Egress");
        assertThat(asList(at(egress, "spec", "egress")).toString()).contains("port=53").contains("port=6432");
    }

    @Test
    void imageDefaultsToTheChartsAppVersion() throws IOException {
        Map<String, Object> chart = asMap(new Yaml().load(Files.readString(HelmChart.CHART.resolve("Chart.yaml"))));
        Rendered r = HelmChart.render(values());
        assertThat(at(Rendered.container(r.one("Deployment", FULLNAME)), "image"))
                .isEqualTo("ghcr.io/stepwise/stepwise:" + chart.get("appVersion"));
        Rendered pinned = HelmChart.render(values("image.repository", "registry.example/stepwise", "image.tag", "1.2.3"));
        assertThat(at(Rendered.container(pinned.one("Job", FULLNAME + "-migrate")), "image"))
                .isEqualTo("registry.example/stepwise:1.2.3");
    }

    @Test
    void clustersOlderThanThePreStopSleepActionAreRefused() {
        assertThatThrownBy(() -> HelmChart.template(HelmChart.CHART, values(), "1.29.0"))
                .hasMessageContaining("kubeVersion");
    }

    @Test
    void readmeDocumentsEveryValue() throws IOException {
        String readme = Files.readString(HelmChart.CHART.resolve("README.md"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*`([A-Za-z0-9_.]+)`").matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Map<String, Object> values = asMap(new Yaml().load(Files.readString(HelmChart.CHART.resolve("values.yaml"))));
        List<String> missing = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!documented.contains(key) && documented.stream().noneMatch(d -> d.startsWith(key + "."))) {
                missing.add(key);
            }
        }
        for (String leaf : leaves("", values)) {
            if (!isCovered(leaf, documented)) {
                missing.add(leaf);
            }
        }
        assertThat(missing).as("values missing from the table in helm/stepwise/README.md").isEmpty();
        // and nothing documented that the chart does not have
        assertThat(documented).allMatch(d -> at(values, (Object[]) d.split("\\.")) != null || values.containsKey(d),
                "documented values exist in values.yaml");
        assertThat(readme).contains("helm install").contains("helm upgrade");
    }

    private static boolean isCovered(String leaf, Set<String> documented) {
        for (String prefix = leaf; ; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
            if (documented.contains(prefix)) {
                return true;
            }
            if (!prefix.contains(".")) {
                return false;
            }
        }
    }

    private static List<String> leaves(String prefix, Map<String, Object> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> {
            String path = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> child && !child.isEmpty()) {
                out.addAll(leaves(path, asMap(child)));
            } else {
                out.add(path);
            }
        });
        return out;
    }

    private static void assertProbes(Map<String, Object> container) {
        assertThat(at(container, "ports", 0)).isEqualTo(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
        assertThat(at(container, "startupProbe", "httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
        assertThat(at(container, "livenessProbe", "httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
        assertThat(at(container, "readinessProbe", "httpGet")).isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "http"));
        // the startup probe covers a slow start before liveness may kill the pod
        int startupWindow = (Integer) at(container, "startupProbe", "periodSeconds")
                * (Integer) at(container, "startupProbe", "failureThreshold");
        assertThat(startupWindow).isGreaterThanOrEqualTo(120);
    }

    private static void assertHardened(Map<String, Object> workload) {
        Map<String, Object> pod = asMap(at(workload, "spec", "template", "spec"));
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext", "runAsUser")).isEqualTo(65532);
        assertThat(at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
        Map<String, Object> container = Rendered.container(workload);
        Map<String, Object> sc = asMap(container.get("securityContext"));
        assertThat(sc).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 65532)
                .containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
        assertThat(at(sc, "capabilities", "drop")).isEqualTo(List.of("ALL"));
        // a read-only root needs a writable /tmp (Tomcat's work directory, the JVM's perf data)
        assertThat(asList(container.get("volumeMounts"))).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(asList(pod.get("volumes")).stream().map(HelmChart::asMap)
                .filter(v -> "tmp".equals(v.get("name"))).findFirst().orElseThrow()).containsKey("emptyDir");
    }
}
