package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md and /actuator/prometheus name the same {@code stepwise_*} families, both ways: a
 * meter added without a line in the doc fails, and so does a documented meter that no longer exists.
 */
class MetricsDocTest extends IntegrationTest {

    static final Path DOC = Path.of("docs/metrics.md");
    /** A documented family: the first cell of a table row, in backticks. */
    private static final Pattern DOCUMENTED = Pattern.compile("^\\|\\s*`(stepwise_[a-z_]+)`", Pattern.MULTILINE);
    private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (stepwise_[a-z_]+) ", Pattern.MULTILINE);

    @Test
    void everyExposedFamilyIsDocumentedAndEveryDocumentedOneIsExposed() throws IOException {
        MetricsWorkload.run(api);
        String scrape = Eventually.await(Duration.ofSeconds(30), this::scrape,
                text -> text.contains("stepwise_queue_steps{"));

        Set<String> exposed = families(TYPE_LINE, scrape);
        Set<String> documented = families(DOCUMENTED, Files.readString(DOC));

        assertThat(exposed).as("exposed families missing from " + DOC).isSubsetOf(documented);
        assertThat(documented).as("documented families not exposed after the workload").isSubsetOf(exposed);
    }

    private String scrape() {
        return api.get("/actuator/prometheus").raw();
    }

    static Set<String> families(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
