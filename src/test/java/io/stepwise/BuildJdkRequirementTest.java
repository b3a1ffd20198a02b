package io.stepwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A newcomer whose default JDK is too old gets a message that names the JDK Maven runs on and the
 * shortest fix (it once said "found 21" on JDK 17, quoting the project's target instead). Runs the real
 * wrapper on an installed JDK older than 21; skipped where there is none.
 */
class BuildJdkRequirementTest {

    private static final Pattern RELEASE = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    @Test
    void anOldJdkIsNamedWithTheShortestFix() throws Exception {
        Optional<Path> old = jdkOlderThan21();
        assumeTrue(old.isPresent(), "no JDK older than 21 under /usr/lib/jvm: nothing to check here");
        String major = major(old.get()).orElseThrow();
        var process = new ProcessBuilder("./mvnw", "-q", "-o", "validate")
                .redirectErrorStream(true).directory(Path.of("").toAbsolutePath().toFile());
        process.environment().put("JAVA_HOME", old.get().toString());
        Process run = process.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).as(output).isNotZero();
        assertThat(output).contains("Stepwise needs JDK 21 or newer to build; this Maven runs on JDK " + major + " (")
                .contains("Shortest fix: run it with JAVA_HOME set to a JDK 21 or newer");
    }

    private static Optional<Path> jdkOlderThan21() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            List<Path> candidates = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java"))).sorted().toList();
            return candidates.stream().filter(d -> major(d).map(m -> Integer.parseInt(m) < 21).orElse(false))
                    .findFirst();
        }
    }

    private static Optional<String> major(Path jdk) {
        try {
            Matcher m = RELEASE.matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
