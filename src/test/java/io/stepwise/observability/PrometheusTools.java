package io.stepwise.observability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds Debian's {@code prometheus} and {@code promtool} (the {@code prometheus} package; .ci/run
 * installs it). A missing binary fails the test with what to install: the dashboard and alert tests
 * are part of the build, not optional extras.
 */
final class PrometheusTools {

    private PrometheusTools() {
    }

    static Path binary(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(name + " not found. Install Prometheus: `apt-get install -y prometheus` (Debian/Ubuntu), "
                + "which provides /usr/bin/prometheus and /usr/bin/promtool");
    }

    /** Runs a command to its end (at most a minute) and returns its exit code and combined output. */
    record Result(int exitCode, String output) {
    }

    static Result run(Path workingDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return fail(String.join(" ", command) + " did not finish within a minute");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
