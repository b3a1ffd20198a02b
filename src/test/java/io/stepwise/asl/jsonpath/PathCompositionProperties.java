package io.stepwise.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How InputPath, ResultPath and OutputPath compose, over generated JSON. */
class PathCompositionProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property
    void resultPathThenOutputPathAtTheSamePlaceReturnsTheResult(@ForAll("objects") JsonNode input,
            @ForAll("values") JsonNode result, @ForAll("names") List<String> path) {
        Assume.that(reachable(input, path));
        String resultPath = "$." + String.join(".", path);
        JsonNode output = ResultPaths.merge(resultPath, input, result);
        assertThat(InputOutputPaths.apply(resultPath, PathRoots.of(output))).isEqualTo(result);
    }

    @Property
    void resultPathKeepsEverySiblingOfTheInput(@ForAll("objects") JsonNode input, @ForAll("values") JsonNode result,
            @ForAll("names") List<String> path) {
        Assume.that(reachable(input, path));
        JsonNode output = ResultPaths.merge("$." + String.join(".", path), input, result);
        input.propertyNames().stream().filter(name -> !name.equals(path.getFirst()))
                .forEach(name -> assertThat(output.get(name)).isEqualTo(input.get(name)));
    }

    @Property
    void resultPathNullKeepsTheInputWhateverTheOutputPath(@ForAll("objects") JsonNode input, @ForAll("values") JsonNode result) {
        JsonNode before = input.deepCopy();
        JsonNode output = ResultPaths.merge(null, input, result);
        assertThat(InputOutputPaths.apply("$", PathRoots.of(output))).isEqualTo(before);
        input.propertyNames().forEach(name ->
                assertThat(InputOutputPaths.apply("$['" + name + "']", PathRoots.of(output))).isEqualTo(before.get(name)));
    }

    @Property
    void resultPathDollarMakesTheResultTheOutput(@ForAll("objects") JsonNode input, @ForAll("values") JsonNode result) {
        assertThat(ResultPaths.merge("$", input, result)).isEqualTo(result);
    }

    @Property
    void pathsNeverModifyTheirInput(@ForAll("objects") JsonNode input, @ForAll("values") JsonNode result,
            @ForAll("names") List<String> path) {
        Assume.that(reachable(input, path));
        JsonNode before = input.deepCopy();
        ResultPaths.merge("$." + String.join(".", path), input, result);
        JsonPath.parse("$..*").select(PathRoots.of(input));
        assertThat(input).isEqualTo(before);
    }

    @Property
    void inputPathDollarIsIdentityAndNullIsEmptyObject(@ForAll("values") JsonNode input) {
        assertThat(InputOutputPaths.apply("$", PathRoots.of(input))).isSameAs(input);
        assertThat(InputOutputPaths.apply(null, PathRoots.of(input))).isEqualTo(NODES.objectNode());
    }

    @Property
    void resultPathThroughAValueThatIsNotAnObjectFails(@ForAll("objects") JsonNode input, @ForAll("values") JsonNode blocker,
            @ForAll("values") JsonNode result, @ForAll("names") List<String> path) {
        Assume.that(!blocker.isObject());
        ObjectNode blocked = ((ObjectNode) input).deepCopy();
        blocked.set(path.getFirst(), blocker);
        String resultPath = "$." + path.getFirst() + "." + String.join(".", path);
        assertThat(catchThrowable(() -> ResultPaths.merge(resultPath, blocked, result)))
                .isInstanceOfSatisfying(StatesError.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorNames.RESULT_PATH_MATCH_FAILURE));
    }

    /** Whether every step before the last lands on an object or on nothing (which ResultPath creates). */
    private static boolean reachable(JsonNode input, List<String> path) {
        JsonNode node = input;
        for (String name : path.subList(0, path.size() - 1)) {
            node = node.get(name);
            if (node == null) {
                return true;
            }
            if (!node.isObject()) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<List<String>> names() {
        return name().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> objects() {
        return Arbitraries.maps(name(), values()).ofMaxSize(5).map(map -> {
            ObjectNode object = NODES.objectNode();
            map.forEach(object::set);
            return object;
        });
    }

    @Provide
    Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.strings().ofMaxLength(8).map(s -> (JsonNode) NODES.stringNode(s)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.just(NODES.nullNode()));
        Arbitrary<JsonNode> objects = Arbitraries.maps(name(), scalars).ofMaxSize(3).map(map -> {
            ObjectNode object = NODES.objectNode();
            map.forEach(object::set);
            return object;
        });
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(3).map(list -> {
            var array = NODES.arrayNode();
            list.forEach(array::add);
            return array;
        });
        return Arbitraries.oneOf(scalars, objects, arrays);
    }

    private static Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
    }
}
