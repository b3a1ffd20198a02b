package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The alert rules parse, and their `promtool test rules` unit tests (stepwise-alerts.test.yml) pass. */
class AlertRulesTest {

    static final Path RULES_DIR = Path.of("helm/stepwise/rules");
    static final Path RULES = RULES_DIR.resolve("stepwise-alerts.yml");

    @Test
    void rulesAreValid() throws Exception {
        var result = PrometheusTools.run(RULES_DIR, PrometheusTools.binary("promtool").toString(), "check", "rules",
                "stepwise-alerts.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("4 rules found");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        var result = PrometheusTools.run(RULES_DIR, PrometheusTools.binary("promtool").toString(), "test", "rules",
                "stepwise-alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
