package io.stepwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Performs the Dockerfile's own steps outside Docker (no engine runs in CI): extracts the packaged jar
 * with the Dockerfile's RUN line, lays the layers out as its COPY lines do, runs its class-data training
 * RUN there (no database), and starts the result with its ENTRYPOINT until /actuator/health answers UP,
 * checking that the classes came from the archive. Runs in the integration-test phase (failsafe), after
 * the jar is packaged.
 */
class ImageLayoutIT {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    @TempDir
    Path tmp;

    @Test
    void dockerfileRunsAsNonRootWithoutHealthcheckAndCopiesLayersInOrder() throws IOException {
        List<String> lines = instructions();
        String runtimeUser = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(runtimeUser.substring(5).trim()).matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(lines).noneMatch(l -> l.startsWith("HEALTHCHECK"));
        assertThat(entrypoint()).first().isEqualTo("java");
        assertThat(lines).anyMatch(l -> l.equals("EXPOSE 8080"));
        assertThat(copiedLayers()).containsExactlyElementsOf(LAYERS);
        // the runtime stage has no shell: its base is distroless
        String runtimeFrom = lines.stream().filter(l -> l.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow();
        assertThat(runtimeFrom).contains("distroless");
    }

    @Test
    void extractedLayersStartAndReportHealthy() throws Exception {
        Path jar = packagedJar();
        Path extracted = tmp.resolve("extracted");

        // the Dockerfile's extract command, with its jar and destination pointed here
        List<String> extract = new ArrayList<>();
        List<String> words = extractCommand();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == 0) {
                extract.add(javaBinary());
            } else if (words.get(i - 1).equals("-jar")) {
                extract.add(jar.toString());
            } else if (i > 0 && words.get(i - 1).equals("--destination")) {
                extract.add(extracted.toString());
            } else {
                extract.add(w);
            }
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(extract).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("extract failed: %s\n%s", extract, out).isZero();
        long extractMillis = (System.nanoTime() - t0) / 1_000_000;

        for (String layer : LAYERS) {
            assertThat(extracted.resolve(layer)).as(layer).isDirectory();
        }
        long depJars = countJars(extracted.resolve("dependencies"));
        long appJars = countJars(extracted.resolve("application"));
        assertThat(depJars).isGreaterThan(50);
        assertThat(depJars).isGreaterThan(10 * Math.max(1, appJars));
        assertThat(containsStepwiseClass(extracted.resolve("application"))).isTrue();
        assertThat(containsStepwiseClass(extracted.resolve("dependencies"))).isFalse();
        StringBuilder sizes = new StringBuilder();
        for (String layer : LAYERS) {
            sizes.append(String.format(" %s=%.1f MB", layer, size(extracted.resolve(layer)) / 1e6));
        }

        // lay the layers out as the COPY lines do: all into one working directory, in order
        Path app = tmp.resolve("app");
        Files.createDirectories(app);
        for (String layer : copiedLayers()) {
            copyTree(extracted.resolve(layer), app);
        }

        // the training RUN, as written (exec form), in the laid-out directory
        List<String> training = new ArrayList<>(trainingCommand());
        training.set(0, javaBinary());
        long t2 = System.nanoTime();
        Process trainer = new ProcessBuilder(training).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("training.log").toFile()).start();
        assertThat(trainer.waitFor()).as("training run failed: %s\n%s", training, output(tmp.resolve("training.log")))
                .isZero();
        long trainingMillis = (System.nanoTime() - t2) / 1_000_000;
        Path archive = app.resolve(archiveName(training));
        assertThat(archive).as("the training run's archive").isRegularFile();

        TestDatabase db = TestDatabase.get().isolated("image_test");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(entrypoint());
        command.set(0, javaBinary());
        // which archive each class came from, to prove the ENTRYPOINT maps the training run's archive
        Path classLoads = tmp.resolve("class-load.log");
        command.add(1, "-Xlog:class+load=info:file=" + classLoads);
        Path log = tmp.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", db.url());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", db.user());
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", db.password());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        long t1 = System.nanoTime();
        Process child = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            Health last;
            try {
                last = Eventually.await(Duration.ofSeconds(90), () -> health(http, health, child),
                        h -> !h.childAlive() || (h.status() == 200 && h.body().contains("\"UP\"")));
            } catch (AssertionError notHealthy) {
                throw new AssertionError(notHealthy.getMessage() + "; output:\n" + output(log), notHealthy);
            }
            long healthyMillis = (System.nanoTime() - t1) / 1_000_000;
            String childOut = output(log);
            assertThat(last.status()).as("health %s; output:\n%s", last.body(), childOut).isEqualTo(200);
            assertThat(last.body()).as("output:\n%s", childOut).contains("\"status\":\"UP\"");
            long fromArchive;
            try (Stream<String> lines = Files.lines(classLoads)) {
                fromArchive = lines.filter(l -> l.contains("source: shared objects file (top)")).count();
            }
            assertThat(fromArchive).as("classes loaded from the training run's dynamic archive").isGreaterThan(5_000);
            System.out.printf("ImageLayoutIT: extract %d ms, training %d ms (archive %.1f MB), healthy after %d ms, "
                    + "%d classes from the archive, jars dependencies=%d application=%d,%s%n", extractMillis,
                    trainingMillis, Files.size(archive) / 1e6, healthyMillis, fromArchive, depJars, appJars, sizes);
        } finally {
            child.destroy();
            if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
        }
    }

    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : Files.readAllLines(DOCKERFILE)) {
            String line = raw.strip();
            if (cur.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                cur.append(line, 0, line.length() - 1).append(' ');
            } else {
                cur.append(line);
                out.add(cur.toString().replaceAll("\\s+", " ").trim());
                cur.setLength(0);
            }
        }
        return out;
    }

    private static List<String> extractCommand() throws IOException {
        String run = instructions().stream().filter(l -> l.startsWith("RUN ") && l.contains("-Djarmode=tools"))
                .findFirst().orElseThrow(() -> new AssertionError("no RUN with -Djarmode=tools in the Dockerfile"));
        String cmd = run.substring(run.indexOf("java "));
        List<String> words = Arrays.asList(cmd.split(" "));
        assertThat(words).contains("extract", "--layers", "--destination", "--application-filename");
        return words;
    }

    private static List<String> trainingCommand() throws IOException {
        String run = instructions().stream().filter(l -> l.startsWith("RUN [") && l.contains("-XX:ArchiveClassesAtExit="))
                .findFirst().orElseThrow(() -> new AssertionError("no class-data training RUN in the Dockerfile"));
        return execForm(run.substring("RUN ".length()).trim());
    }

    private static String archiveName(List<String> training) {
        return training.stream().filter(w -> w.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow()
                .substring("-XX:ArchiveClassesAtExit=".length());
    }

    private static List<String> entrypoint() throws IOException {
        String ep = instructions().stream().filter(l -> l.startsWith("ENTRYPOINT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no ENTRYPOINT"));
        return execForm(ep.substring("ENTRYPOINT ".length()).trim());
    }

    private static List<String> execForm(String body) {
        assertThat(body).as("exec form").startsWith("[").endsWith("]");
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        while (m.find()) {
            args.add(m.group(1));
        }
        assertThat(args).isNotEmpty();
        return args;
    }

    private static List<String> copiedLayers() throws IOException {
        Pattern p = Pattern.compile("COPY --from=\\S+ \\S*/extracted/([a-z-]+)/? .*");
        List<String> out = new ArrayList<>();
        for (String l : instructions()) {
            Matcher m = p.matcher(l);
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(f -> f.getFileName().toString().matches("stepwise-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-sources.jar")
                            && !f.getFileName().toString().endsWith(".original"))
                    .findFirst().orElseThrow(() -> new AssertionError("no target/stepwise-*.jar: run after package"));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long countJars(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".jar")).count();
        }
    }

    private static boolean containsStepwiseClass(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(f -> {
                String n = f.toString();
                return n.endsWith(".jar") && n.contains("stepwise") || n.contains("io/stepwise/") && n.endsWith(".class");
            });
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** One look at the child's health: its answer, or -1 while it is not listening yet. */
    private record Health(int status, String body, boolean childAlive) {
    }

    private static Health health(HttpClient http, HttpRequest request, Process child) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), response.body(), child.isAlive());
        } catch (IOException notListening) {
            return new Health(-1, "not listening yet", child.isAlive());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String output(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
