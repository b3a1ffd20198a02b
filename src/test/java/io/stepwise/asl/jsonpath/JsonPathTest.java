package io.stepwise.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

class JsonPathTest {

    private static final JsonNode STORE = json("""
            {"store": {"book": [
                {"category": "reference", "author": "Rees", "title": "Sayings", "price": 8.95},
                {"category": "fiction", "author": "Waugh", "title": "Sword", "price": 12.99, "isbn": "0-553"},
                {"category": "fiction", "author": "Melville", "title": "Moby Dick", "price": 8.99, "isbn": "0-395"},
                {"category": "fiction", "author": "Tolkien", "title": "Rings", "price": 22.99, "isbn": "0-395-1"}],
              "bicycle": {"color": "red", "price": 19.95}},
             "a b": {"c.d": 1}, "flag": true}
            """);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$.store.bicycle.color                  | \"red\"",
            "$['store']['bicycle']['price']         | 19.95",
            "$[\"a b\"]['c.d']                      | 1",
            "$.store.book[0].author                 | \"Rees\"",
            "$.store.book[-1].author                | \"Tolkien\"",
            "$.store.book[-4].author                | \"Rees\"",
            "$.store.bicycle['color','price']       | {\"color\":\"red\",\"price\":19.95}",
            "$.store.bicycle['color','nope']        | {\"color\":\"red\"}",
    })
    void definitePathsFindOneValue(String path, String expected) {
        JsonPath parsed = JsonPath.parse(path);
        assertThat(parsed.isDefinite()).isTrue();
        assertThat(parsed.select(PathRoots.of(STORE))).hasValueSatisfying(v -> assertSame(v, json(expected)));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "$.store.book[*].author => [\"Rees\",\"Waugh\",\"Melville\",\"Tolkien\"]",
            "$.store.book.*.price => [8.95,12.99,8.99,22.99]",
            "$.store.book[1:3].title => [\"Sword\",\"Moby Dick\"]",
            "$.store.book[-2:].title => [\"Moby Dick\",\"Rings\"]",
            "$.store.book[:1].title => [\"Sayings\"]",
            "$.store.book[::2].title => [\"Sayings\",\"Moby Dick\"]",
            "$.store.book[0,2].title => [\"Sayings\",\"Moby Dick\"]",
            "$..author => [\"Rees\",\"Waugh\",\"Melville\",\"Tolkien\"]",
            "$.store..price => [8.95,12.99,8.99,22.99,19.95]",
            "$..book[2].title => [\"Moby Dick\"]",
            "$.store.book[?(@.price < 10)].title => [\"Sayings\",\"Moby Dick\"]",
            "$.store.book[?(@.price >= 12.99)].title => [\"Sword\",\"Rings\"]",
            "$.store.book[?(@.isbn)].title => [\"Sword\",\"Moby Dick\",\"Rings\"]",
            "$.store.book[?(!@.isbn)].title => [\"Sayings\"]",
            "$.store.book[?(@.author == 'Waugh')].title => [\"Sword\"]",
            "$.store.book[?(@.author != 'Waugh')].price => [8.95,8.99,22.99]",
            "$.store.book[?(@.category == 'fiction' && @.price < 20)].title => [\"Sword\",\"Moby Dick\"]",
            "$.store.book[?(@.price < 9 || @.author == 'Tolkien')].title => [\"Sayings\",\"Moby Dick\",\"Rings\"]",
            "$.store.book[?(@.author =~ /.*il.*/)].title => [\"Moby Dick\"]",
            "$.store.book[?(@.author =~ /TOLKIEN/i)].title => [\"Rings\"]",
            "$.store.book[?(@.author in ['Rees','Tolkien'])].price => [8.95,22.99]",
            "$.store.book[?(@.price > $.store.bicycle.price)].title => [\"Rings\"]",
            "$.nothing[*] => []",
            "$.nothing[1:5].x => []",
            "$.store.bicycle[*] => [\"red\",19.95]",
    })
    void indefinitePathsReturnAllMatches(String path, String expected) {
        JsonPath parsed = JsonPath.parse(path);
        assertThat(parsed.isDefinite()).isFalse();
        assertThat(parsed.select(PathRoots.of(STORE))).hasValueSatisfying(v -> assertSame(v, json(expected)));
    }

    @Test
    void aFilterOnANumberComparesByValueNotByJacksonType() {
        JsonNode input = json("{\"xs\":[{\"n\":1},{\"n\":1.0},{\"n\":2}]}");
        assertThat(JsonPath.parse("$.xs[?(@.n == 1)]").select(PathRoots.of(input)).orElseThrow()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$.missing            | No results for path: $['missing']",
            "$.store.missing      | No results for path: $['store']['missing']",
            "$.no.such.path       | Missing property in path $['no']",
            "$.store.book[9]      | No results for path: $['store']['book'][9]",
            "$.store.bicycle[0]   | Filter: [0] can only be applied to arrays. Current context is: {\"color\":\"red\",\"price\":19.95}",
            "$.flag.x             | Expected to find an object with property ['x'] in path $['flag'] but found 'true'",
    })
    void definitePathsThatMissSayWhyInJaywaysWords(String path, String reason) {
        assertThat(JsonPath.parse(path).evaluate(PathRoots.of(STORE))).isEqualTo(new PathResult.Missing(reason));
    }

    @Test
    void aNullValueIsFoundNotMissing() {
        assertThat(JsonPath.parse("$.a").select(PathRoots.of(json("{\"a\":null}")))).hasValueSatisfying(v -> assertThat(v.isNull()).isTrue());
    }

    @Test
    void rootsSelectInputContextOrVariable() {
        PathRoots roots = new PathRoots(json("{\"a\":1}"), json("{\"Execution\":{\"Name\":\"run-1\"}}"),
                Map.of("myVar", json("{\"field\":[10,20]}"), "n", json("5")));
        assertThat(JsonPath.parse("$").select(roots).orElseThrow()).isEqualTo(json("{\"a\":1}"));
        assertThat(JsonPath.parse("$$.Execution.Name").select(roots).orElseThrow().stringValue()).isEqualTo("run-1");
        assertThat(JsonPath.parse("$$").select(roots).orElseThrow().has("Execution")).isTrue();
        assertThat(JsonPath.parse("$myVar.field[1]").select(roots).orElseThrow().intValue()).isEqualTo(20);
        assertThat(JsonPath.parse("$n").select(roots).orElseThrow().intValue()).isEqualTo(5);
        assertThat(JsonPath.parse("$myVar.field[1]").root()).isEqualTo(JsonPath.Root.VARIABLE);
        assertThat(JsonPath.parse("$myVar.field[1]").variable()).contains("myVar");
        assertThat(JsonPath.parse("$.a").variable()).isEmpty();
        assertThat(JsonPath.parse("$undefined").evaluate(roots)).isInstanceOf(PathResult.Missing.class);
    }

    @Test
    void bracketNamesUnescapeOnlyTheirQuoteAndBackslash() {
        JsonNode input = json("{\"Test\\\\\\\"\\\"Name\\\"\": \"v\", \"it's\": 1}");
        assertThat(JsonPath.parse("$['Test\\\"\"Name\"']").select(PathRoots.of(input))).isPresent();
        assertThat(JsonPath.parse("$['it\\'s']").select(PathRoots.of(input))).isPresent();
    }

    @Test
    void normalizedIsJaywaysNotation() {
        assertThat(JsonPath.parse("$.a['b c'][0][*]..d").normalized()).isEqualTo("$['a']['b c'][0][*]..['d']");
    }

    @Test
    void parsingIsCached() {
        assertThat(JsonPath.parse("$.cached.path")).isSameAs(JsonPath.parse("$.cached.path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "", "$.", "$.a.", "$[", "$[0", "$['a]", "$[?(@.a ==)]", "$.a b", "$[1:2:0]", "$.length()", "$[abc]"})
    void invalidPathsAreRejected(String path) {
        assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(JsonPathSyntaxException.class);
    }

    @Test
    void evaluationLeavesTheInputUntouched() {
        JsonNode input = STORE.deepCopy();
        JsonPath.parse("$..price").select(PathRoots.of(input));
        JsonPath.parse("$.store.bicycle['color','price']").select(PathRoots.of(input));
        assertThat(input).isEqualTo(STORE);
    }

    private static void assertSame(JsonNode actual, JsonNode expected) {
        assertThat(JsonValues.sameValue(actual, expected)).as("%s equals %s", actual, expected).isTrue();
    }

    static JsonNode json(String text) {
        return JsonValues.MAPPER.readTree(text);
    }
}
