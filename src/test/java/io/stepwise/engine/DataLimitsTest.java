package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import io.stepwise.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The 256 KiB limit: the cheap bound never under-counts, and only real excess fails. */
class DataLimitsTest {

    static int exact(JsonNode value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void theBoundIsNeverBelowTheEncodedSize() {
        for (String json : List.of("null", "true", "-12.5e300", "123456789012345678901234567890", "\"\"",
                "\"quote \\\" backslash \\\\ newline \\n control \\u0001 nul \\u0000\"", "\"ü € 😀 中文\"",
                "{\"a\": [1, 2.5, {\"b\": null}], \"é\\\"\": \"x\"}", "[[], {}, [[[]]], \"\\t\"]")) {
            JsonNode value = Json.parse(json);
            assertThat(DataLimits.upperBound(value, Long.MAX_VALUE)).as(json).isGreaterThanOrEqualTo(exact(value));
        }
    }

    @Test
    void onlyADocumentOverTheLimitFails() {
        JsonNode under = Json.NODES.objectNode().put("s", "x".repeat(DataLimits.MAX_BYTES - 100));
        assertThat(DataLimits.upperBound(under, DataLimits.MAX_BYTES)).as("the bound alone cannot clear it")
                .isGreaterThan(DataLimits.MAX_BYTES);
        assertThat(DataLimits.check(under, "S")).isSameAs(under);
        JsonNode over = Json.NODES.arrayNode().add("x".repeat(DataLimits.MAX_BYTES / 2)).add("y".repeat(DataLimits.MAX_BYTES / 2));
        assertThatThrownBy(() -> DataLimits.check(over, "S")).isInstanceOf(StatesError.class)
                .hasMessageContaining("'S'");
    }
}
