package io.stepwise.asl.jsonpath;

import static io.stepwise.asl.jsonpath.JsonPathTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class InputOutputAndResultPathsTest {

    private final JsonNode input = json("{\"a\":{\"b\":1},\"list\":[1,2],\"s\":\"text\"}");

    @Test
    void inputPathSelectsOrPassesEmptyObjectForNull() {
        assertThat(InputOutputPaths.apply("$.a", PathRoots.of(input))).isEqualTo(json("{\"b\":1}"));
        assertThat(InputOutputPaths.apply("$", PathRoots.of(input))).isEqualTo(input);
        assertThat(InputOutputPaths.apply(null, PathRoots.of(input))).isEqualTo(json("{}"));
        assertThat(InputOutputPaths.apply("$.list[*]", PathRoots.of(input))).isEqualTo(json("[1,2]"));
    }

    @Test
    void aMissingInputPathIsARuntimeErrorWithAwsCause() {
        assertThatThrownBy(() -> InputOutputPaths.apply("$.NoSuchInputPath", PathRoots.of(input)))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME);
                    assertThat(e.cause()).isEqualTo("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
                });
        assertThatThrownBy(() -> InputOutputPaths.apply("$.no.such.result.path", PathRoots.of(json("{}"))))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .isEqualTo("Invalid path '$.no.such.result.path' : Missing property in path $['no']"));
    }

    @Test
    void resultPathNullKeepsTheInput() {
        assertThat(ResultPaths.merge(null, input, json("42"))).isEqualTo(input);
    }

    @Test
    void resultPathDollarReplacesTheInput() {
        assertThat(ResultPaths.merge("$", input, json("42"))).isEqualTo(json("42"));
    }

    @Test
    void resultPathCreatesMissingObjectsAndReplacesExistingValues() {
        assertThat(ResultPaths.merge("$.x.y.z", input, json("\"r\"")).get("x")).isEqualTo(json("{\"y\":{\"z\":\"r\"}}"));
        assertThat(ResultPaths.merge("$.a.b", input, json("[3]")).get("a")).isEqualTo(json("{\"b\":[3]}"));
        assertThat(ResultPaths.merge("$.a.c", input, json("2")).get("a")).isEqualTo(json("{\"b\":1,\"c\":2}"));
        assertThat(ResultPaths.merge("$.list[1]", input, json("9")).get("list")).isEqualTo(json("[1,9]"));
        assertThat(ResultPaths.merge("$['a']['b']", input, json("7")).at("/a/b").intValue()).isEqualTo(7);
    }

    @Test
    void resultPathNeverModifiesTheInput() {
        JsonNode before = input.deepCopy();
        ResultPaths.merge("$.a.b", input, json("0"));
        ResultPaths.merge("$.new", input, json("0"));
        assertThat(input).isEqualTo(before);
    }

    @Test
    void resultPathThroughANonObjectFailsWithResultPathMatchFailure() {
        assertThatThrownBy(() -> ResultPaths.merge("$.s.x", input, json("1")))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorNames.RESULT_PATH_MATCH_FAILURE);
                    assertThat(e.cause()).startsWith("Unable to apply ReferencePath $.s.x to input {");
                });
        assertThatThrownBy(() -> ResultPaths.merge("$.x", json("\"just a string\""), json("1")))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .isEqualTo("Unable to apply ReferencePath $.x to input \"just a string\""));
        assertThatThrownBy(() -> ResultPaths.merge("$.list[5]", input, json("1"))).isInstanceOf(StatesError.class);
    }

    @Test
    void resultPathMustBeAReferencePathOnTheInput() {
        assertThatThrownBy(() -> ResultPaths.merge("$.a[*]", input, json("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultPaths.merge("$$.Execution", input, json("1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
