package io.stepwise.asl.jsonata;

import static io.stepwise.asl.jsonata.JsonataTestSupport.FIXED_SOURCES;
import static io.stepwise.asl.jsonata.JsonataTestSupport.inputBindings;
import static io.stepwise.asl.jsonata.JsonataTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AwsJsonataFunctionsTest {

    private final JsonataEvaluator evaluator = new JsonataEvaluator(FIXED_SOURCES);

    private JsonNode eval(String expression) {
        return evaluator.evaluateExpression(expression, "Output", inputBindings("{\"items\": [1, 2, 3, 4, 5]}"));
    }

    private void assertFails(String expression, String causeFragment) {
        assertThatThrownBy(() -> eval(expression))
                .isInstanceOfSatisfying(StatesError.class, error -> {
                    assertThat(error.error()).isEqualTo(ErrorNames.QUERY_EVALUATION_ERROR);
                    assertThat(error.cause()).contains(causeFragment);
                });
    }

    @Test
    void partitionSplitsIntoChunksWithAShorterLastOne() {
        assertThat(eval("$partition($states.input.items, 2)")).isEqualTo(json("[[1,2],[3,4],[5]]"));
        assertThat(eval("$partition([0], 1)")).isEqualTo(json("[[0]]"));
        assertThat(eval("$partition($states.input.items, 9)")).isEqualTo(json("[[1,2,3,4,5]]"));
    }

    @Test
    void partitionRejectsANonPositiveOrFractionalSize() {
        assertFails("$partition([1, 2], 0)", "The size of $partition must be a positive integer");
        assertFails("$partition([1, 2], 1.5)", "The size of $partition must be a positive integer");
    }

    @Test
    void rangeIncludesTheEndWhenTheStepLandsOnIt() {
        assertThat(eval("$range(0, 10, 2)")).isEqualTo(json("[0,2,4,6,8,10]"));
        assertThat(eval("$range(0, 10, 3)")).isEqualTo(json("[0,3,6,9]"));
        assertThat(eval("$range(10, 0, -5)")).isEqualTo(json("[10,5,0]"));
    }

    @Test
    void aOneElementRangeIsTheElementItselfAsOnAws() {
        assertThat(eval("$range(1, 9, 9)")).isEqualTo(json("1"));
    }

    @Test
    void rangeRejectsAZeroStepAndAnEmptyRangeIsUndefined() {
        assertFails("$range(1, 5, 0)", "The step of $range must not be zero");
        assertFails("$range(5, 1, 1)", "returned nothing (undefined).");
    }

    @Test
    void hashGivesLowercaseHexForEachAlgorithm() {
        // SHA-384 value recorded from AWS (States.Hash of the same data)
        assertThat(eval("$hash('input data', 'SHA-384')").stringValue()).isEqualTo(
                "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562");
        assertThat(eval("$hash('', 'MD5')").stringValue()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(eval("$hash('abc', 'SHA-1')").stringValue()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(eval("$hash('abc', 'SHA-256')").stringValue())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(eval("$hash('abc', 'SHA-512')").stringValue()).startsWith("ddaf35a193617aba");
    }

    @Test
    void hashRejectsAnUnknownAlgorithmOrANonString() {
        assertFails("$hash('abc', 'SHA-3')", "The hash algorithm must be one of");
        assertFails("$hash(42, 'MD5')", "The value to $hash must be a string");
    }

    @Test
    void randomWithoutSeedUsesTheInjectedSource() {
        assertThat(eval("$random()").doubleValue()).isEqualTo(0.25);
    }

    @Test
    void randomWithSeedIsRepeatableAndInTheUnitInterval() {
        double first = eval("$random(42)").doubleValue();
        assertThat(eval("$random(42)").doubleValue()).isEqualTo(first);
        assertThat(first).isBetween(0.0, 1.0).isNotEqualTo(eval("$random(43)").doubleValue());
    }

    @Test
    void uuidUsesTheInjectedSource() {
        assertThat(eval("$uuid()").stringValue()).isEqualTo(JsonataTestSupport.FIXED_UUID.toString());
    }

    @Test
    void parseTurnsJsonTextIntoValues() {
        assertThat(eval("$parse('{\"Arg1\": 1, \"Arg2\": [2.5, null, true]}')"))
                .isEqualTo(json("{\"Arg1\": 1, \"Arg2\": [2.5, null, true]}"));
        assertThat(eval("$parse('-0')")).isEqualTo(json("0"));
        assertThat(eval("$parse('\"HelloWorld\"')")).isEqualTo(json("\"HelloWorld\""));
        assertThat(eval("$parse('null')").isNull()).isTrue();
        assertFails("$parse('{not json')", "The argument of $parse is not valid JSON");
    }

    @Test
    void evalIsNotAvailableAsOnAws() {
        assertFails("$eval('1 + 1')", "threw an error during evaluation. T1006: Attempted to invoke a non-function");
    }

    @Test
    void nowAndMillisReadTheInjectedClockOnEveryThread() throws Exception {
        assertThat(eval("$now()").stringValue()).isEqualTo("2024-01-02T03:04:05.678Z");
        assertThat(eval("$millis()").longValue()).isEqualTo(JsonataTestSupport.NOW.toEpochMilli());
        // dashjoin's own $now() would read a timestamp frozen in a per-thread copy
        String onAnotherThread = CompletableFuture.supplyAsync(() -> eval("$now()").stringValue()).get();
        assertThat(onAnotherThread).isEqualTo("2024-01-02T03:04:05.678Z");
    }
}
