package io.stepwise.deploy;

import static io.stepwise.deploy.HelmChart.asList;
import static io.stepwise.deploy.HelmChart.asMap;
import static io.stepwise.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub workflows, parsed: CI runs the README's own test command (read from the README, as a
 * newcomer would) on JDK 21 and 25 against a PostgreSQL 17 service the tests are pointed at; a tag
 * releases the image and the chart; Dependabot watches Maven and the Actions.
 */
class WorkflowsTest {

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");

    /** The command the README's Quick start names as the one that runs all tests. */
    static String readmeTestCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Quick start");
        assertThat(start).as("README has a Quick start section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher block = Pattern.compile("```(?:bash|sh)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a bash block in Quick start").isTrue();
        List<String> commands = block.group(1).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Matcher which = Pattern.compile("the (" + String.join("|", ORDINALS) + ") runs all tests").matcher(section);
        assertThat(which.find()).as("Quick start says which command runs the tests").isTrue();
        return commands.get(ORDINALS.indexOf(which.group(1)));
    }

    private static Map<String, Object> load(String path) throws IOException {
        return asMap(new Yaml().load(Files.readString(Path.of(path))));
    }

    /** YAML 1.1 reads the key {@code on} as the boolean true. */
    private static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : ((Map<?, ?>) workflow).get(Boolean.TRUE);
        return asMap(on);
    }

    @Test
    void readmeTestCommandIsWhatCiRunsLocally() throws IOException {
        String command = readmeTestCommand();
        assertThat(command).isEqualTo("./mvnw verify");
        List<String> ciRun = Files.readAllLines(Path.of(".ci/run")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ciRun.getLast()).isEqualTo(command);
    }

    @Test
    void ciRunsTheReadmesTestCommandOnBothJdksAgainstPostgres17() throws IOException {
        Map<String, Object> ci = load(".github/workflows/ci.yml");
        assertThat(triggers(ci)).containsKeys("push", "pull_request");
        Map<String, Object> jobs = asMap(ci.get("jobs"));
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = asMap(jobs.values().iterator().next());

        List<String> jdks = asList(at(job, "strategy", "matrix", "java")).stream().map(String::valueOf).toList();
        assertThat(jdks).containsExactlyInAnyOrder("21", "25");
        List<Map<String, Object>> steps = asList(job.get("steps")).stream().map(HelmChart::asMap).toList();
        Map<String, Object> setupJava = steps.stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@")).findFirst().orElseThrow();
        assertThat(asMap(setupJava.get("with"))).containsEntry("distribution", "temurin")
                .containsEntry("java-version", "${{ matrix.java }}");

        // exactly the README's command, after checkout and setup-java
        String command = readmeTestCommand();
        List<String> runs = steps.stream().filter(s -> s.containsKey("run")).map(s -> ((String) s.get("run")).strip()).toList();
        assertThat(runs).containsOnlyOnce(command).last().isEqualTo(command);
        // anything else only installs packages the tests call
        assertThat(runs.subList(0, runs.size() - 1)).allMatch(r -> r.startsWith("sudo apt-get "));
        int testStep = steps.indexOf(steps.stream().filter(s -> command.equals(String.valueOf(s.get("run")).strip()))
                .findFirst().orElseThrow());
        assertThat(steps.indexOf(setupJava)).isLessThan(testStep);
        assertThat(String.valueOf(steps.getFirst().get("uses"))).startsWith("actions/checkout@");

        // the PostgreSQL 17 service, healthy before the steps run
        Map<String, Object> services = asMap(job.get("services"));
        Map<String, Object> postgres = asMap(services.values().stream()
                .filter(s -> String.valueOf(asMap(s).get("image")).startsWith("postgres:17")).findFirst().orElseThrow());
        assertThat(String.valueOf(postgres.get("options"))).contains("--health-cmd").contains("pg_isready");
        assertThat(asList(postgres.get("ports")).stream().map(String::valueOf)).contains("5432:5432");
        Map<String, Object> pgEnv = asMap(postgres.get("env"));

        // the tests are pointed at it through every variable TestDatabase reads
        Map<String, Object> env = asMap(job.get("env"));
        Set<String> read = testDatabaseVariables();
        assertThat(read).contains("STEPWISE_TEST_DATABASE_URL", "STEPWISE_TEST_DATABASE_USER", "STEPWISE_TEST_DATABASE_PASSWORD");
        assertThat(env).containsKeys(read.toArray(String[]::new));
        assertThat(env).containsEntry("STEPWISE_TEST_DATABASE_URL", "jdbc:postgresql://localhost:5432/" + pgEnv.get("POSTGRES_DB"))
                .containsEntry("STEPWISE_TEST_DATABASE_USER", pgEnv.get("POSTGRES_USER"))
                .containsEntry("STEPWISE_TEST_DATABASE_PASSWORD", pgEnv.get("POSTGRES_PASSWORD"));

        // the reports of both test phases, also when the tests failed
        Map<String, Object> upload = steps.stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact@")).findFirst().orElseThrow();
        assertThat(upload.get("if")).isEqualTo("always()");
        assertThat(String.valueOf(at(upload, "with", "path"))).contains("target/surefire-reports").contains("target/failsafe-reports");
        assertThat(String.valueOf(at(upload, "with", "name"))).contains("${{ matrix.java }}");
    }

    private static Set<String> testDatabaseVariables() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/stepwise/support/TestDatabase.java"));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\"(STEPWISE_TEST_DATABASE[A-Z_]*)\"").matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void aTagReleasesTheImageAndTheChartToGhcr() throws IOException {
        Map<String, Object> release = load(".github/workflows/release.yml");
        assertThat(asList(at(triggers(release), "push", "tags"))).containsExactly("v*");
        assertThat(asMap(release.get("permissions"))).containsEntry("packages", "write");
        Map<String, Object> jobs = asMap(release.get("jobs"));

        List<Map<String, Object>> imageSteps = asList(at(jobs, "image", "steps")).stream().map(HelmChart::asMap).toList();
        Map<String, Object> build = imageSteps.stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith("docker/build-push-action@")).findFirst().orElseThrow();
        assertThat(asMap(build.get("with"))).containsEntry("context", ".").containsEntry("file", "Dockerfile")
                .containsEntry("push", true);
        assertThat(imageSteps).anyMatch(s -> String.valueOf(s.get("uses")).startsWith("docker/login-action@")
                && "ghcr.io".equals(at(s, "with", "registry")));
        String images = String.valueOf(at(imageSteps.stream().filter(s -> "meta".equals(s.get("id"))).findFirst().orElseThrow(),
                "with", "images"));
        assertThat(images).isEqualTo("ghcr.io/${{ github.repository_owner }}/stepwise");

        // the chart points at the image: it is published only once the image is
        assertThat(String.valueOf(at(jobs, "chart", "needs"))).contains("image");
        String script = asList(at(jobs, "chart", "steps")).stream().map(HelmChart::asMap)
                .filter(s -> s.containsKey("run")).map(s -> (String) s.get("run")).findFirst().orElseThrow();
        assertThat(script).contains("helm package helm/stepwise --version \"$version\" --app-version \"$version\"")
                .contains("helm push").contains("oci://ghcr.io/");
        // the line the script rewrites is the chart's image repository, once
        Matcher sed = Pattern.compile("s\\|\\^(  repository: [^$|]+)\\$\\|").matcher(script);
        assertThat(sed.find()).isTrue();
        assertThat(Files.readAllLines(Path.of("helm/stepwise/values.yaml"))).containsOnlyOnce(sed.group(1));
        assertThat(at(load("helm/stepwise/values.yaml"), "image", "repository"))
                .isEqualTo(sed.group(1).substring("  repository: ".length()));
    }

    @Test
    void dependabotWatchesMavenAndTheActions() throws IOException {
        Map<String, Object> dependabot = load(".github/dependabot.yml");
        assertThat(dependabot.get("version")).isEqualTo(2);
        assertThat(asList(dependabot.get("updates")).stream().map(u -> asMap(u).get("package-ecosystem")))
                .contains("maven", "github-actions");
    }
}
