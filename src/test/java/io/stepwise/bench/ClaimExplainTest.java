package io.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's EXPLAIN of the claim breaks only when run; these catch it in the test suite instead. */
class ClaimExplainTest {

    @Test
    void everyParameterOfTheClaimGetsALiteral() {
        String sql = ClaimExplain.claim(64);
        assertThat(sql).contains("LIMIT 64", "queue = 'default'", "lease_owner = 'explain'", "s.input::text")
                .doesNotContainPattern("(?<![:\\w]):[a-zA-Z]");
    }

    @Test
    void aParameterWithoutALiteralIsRefusedAndCastsAreLeftAlone() {
        assertThat(NamedParameters.inline("SELECT :a::text", Map.of("a", "'x'"))).isEqualTo("SELECT 'x'::text");
        assertThatThrownBy(() -> NamedParameters.inline("SELECT :a, :b", Map.of("a", "1")))
                .hasMessageContaining("no literal for :b");
    }
}
