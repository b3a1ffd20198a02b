package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.validation.JsonPathSyntax.Roots;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b-c", "$['a b']", "$[0]", "$.a[-1]", "$$", "$$.Map.Item.Value", "$var",
            "$var.x[2]"})
    void referencePaths(String path) {
        assertThat(JsonPathSyntax.isReferencePath(path, Roots.ANY)).isTrue();
        assertThat(JsonPathSyntax.isPath(path, Roots.ANY)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a[*]", "$..a", "$.a[1:]", "$.a[:2]", "$.a[0,1]", "$.a[?(@.x == 1)]", "$.a.*",
            "$['a','b']", "$.a[(@.length-1)]"})
    void pathsThatAreNotReferencePaths(String path) {
        assertThat(JsonPathSyntax.isPath(path, Roots.ANY)).isTrue();
        assertThat(JsonPathSyntax.isReferencePath(path, Roots.ANY)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", ".a", "$.", "$..", "$...", "$.a[", "$.a]", "$[abc]", "()", "$ .a", "$1x",
            "$.a[?(@.x]"})
    void notPaths(String path) {
        assertThat(JsonPathSyntax.isPath(path, Roots.ANY)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$$.Execution", "$var"})
    void inputOnlyRootsRefuseContextAndVariables(String path) {
        assertThat(JsonPathSyntax.isReferencePath(path, Roots.INPUT_ONLY)).isFalse();
    }
}
