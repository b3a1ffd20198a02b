package io.stepwise.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import io.stepwise.support.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How InputPath, ResultPath and OutputPath compose, over generated JSON. */
class PathCompositionProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A state's input, its result and the names of a dotted ResultPath ({@code $.a.b}). */
    record Merge(JsonNode input, JsonNode result, List<String> path) {
    }

    /** A Merge whose ResultPath goes through {@code blocker}, set at the path's first name. */
    record Blocked(JsonNode input, JsonNode blocker, JsonNode result, List<String> path) {
    }

    @Test
    void resultPathThenOutputPathAtTheSamePlaceReturnsTheResult() {
        Seeded.forAll(reachableEdges(), Seeded.TRIES, PathCompositionProperties::reachableMerge, merge -> {
            String resultPath = "$." + String.join(".", merge.path());
            JsonNode output = ResultPaths.merge(resultPath, merge.input(), merge.result());
            assertThat(InputOutputPaths.apply(resultPath, PathRoots.of(output))).isEqualTo(merge.result());
        });
    }

    @Test
    void resultPathKeepsEverySiblingOfTheInput() {
        Seeded.forAll(reachableEdges(), Seeded.TRIES, PathCompositionProperties::reachableMerge, merge -> {
            JsonNode input = merge.input();
            JsonNode output = ResultPaths.merge("$." + String.join(".", merge.path()), input, merge.result());
            input.propertyNames().stream().filter(name -> !name.equals(merge.path().getFirst()))
                    .forEach(name -> assertThat(output.get(name)).isEqualTo(input.get(name)));
        });
    }

    @Test
    void resultPathNullKeepsTheInputWhateverTheOutputPath() {
        Seeded.forAll(edges(), Seeded.TRIES, PathCompositionProperties::merge, merge -> {
            JsonNode input = merge.input();
            JsonNode before = input.deepCopy();
            JsonNode output = ResultPaths.merge(null, input, merge.result());
            assertThat(InputOutputPaths.apply("$", PathRoots.of(output))).isEqualTo(before);
            input.propertyNames().forEach(name -> assertThat(
                    InputOutputPaths.apply("$['" + name + "']", PathRoots.of(output))).isEqualTo(before.get(name)));
        });
    }

    @Test
    void resultPathDollarMakesTheResultTheOutput() {
        Seeded.forAll(edges(), Seeded.TRIES, PathCompositionProperties::merge,
                merge -> assertThat(ResultPaths.merge("$", merge.input(), merge.result())).isEqualTo(merge.result()));
    }

    @Test
    void pathsNeverModifyTheirInput() {
        Seeded.forAll(reachableEdges(), Seeded.TRIES, PathCompositionProperties::reachableMerge, merge -> {
            JsonNode input = merge.input();
            JsonNode before = input.deepCopy();
            ResultPaths.merge("$." + String.join(".", merge.path()), input, merge.result());
            JsonPath.parse("$..*").select(PathRoots.of(input));
            assertThat(input).isEqualTo(before);
        });
    }

    @Test
    void inputPathDollarIsIdentityAndNullIsEmptyObject() {
        Seeded.forAll(edgeValues(), Seeded.TRIES, PathCompositionProperties::value, input -> {
            assertThat(InputOutputPaths.apply("$", PathRoots.of(input))).isSameAs(input);
            assertThat(InputOutputPaths.apply(null, PathRoots.of(input))).isEqualTo(NODES.objectNode());
        });
    }

    @Test
    void resultPathThroughAValueThatIsNotAnObjectFails() {
        List<Blocked> edges = new ArrayList<>();
        for (Merge merge : edges()) {
            for (JsonNode blocker : edgeValues()) {
                if (!blocker.isObject()) {
                    edges.add(new Blocked(merge.input(), blocker.deepCopy(), merge.result(), merge.path()));
                }
            }
        }
        Seeded.forAll(edges, Seeded.TRIES, random -> {
            JsonNode blocker;
            do {
                blocker = value(random);
            } while (blocker.isObject());
            return new Blocked(object(random), blocker, value(random), names(random));
        }, blocked -> {
            ObjectNode input = ((ObjectNode) blocked.input()).deepCopy();
            input.set(blocked.path().getFirst(), blocked.blocker());
            String resultPath = "$." + blocked.path().getFirst() + "." + String.join(".", blocked.path());
            assertThat(catchThrowable(() -> ResultPaths.merge(resultPath, input, blocked.result())))
                    .isInstanceOfSatisfying(StatesError.class,
                            e -> assertThat(e.error()).isEqualTo(ErrorNames.RESULT_PATH_MATCH_FAILURE));
        });
    }

    /** Whether every step before the last lands on an object or on nothing (which ResultPath creates). */
    private static boolean reachable(Merge merge) {
        JsonNode node = merge.input();
        List<String> path = merge.path();
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

    private static Merge merge(RandomGenerator random) {
        return new Merge(object(random), value(random), names(random));
    }

    /** A merge whose path is reachable; the others (about 3 in 100) are drawn again. */
    private static Merge reachableMerge(RandomGenerator random) {
        Merge merge;
        do {
            merge = merge(random);
        } while (!reachable(merge));
        return merge;
    }

    /** Empty and filled inputs, each boundary value as result, paths of one to four names. */
    private static List<Merge> edges() {
        ObjectNode nested = NODES.objectNode();
        nested.set("a", NODES.objectNode().put("b", 1));
        nested.put("c", "x");
        List<JsonNode> inputs = List.of(NODES.objectNode(), NODES.objectNode().set("a", NODES.nullNode()), nested);
        List<List<String>> paths = List.of(List.of("a"), List.of("a", "b"), List.of("e", "eee", "a", "c"));
        List<Merge> merges = new ArrayList<>();
        for (JsonNode input : inputs) {
            for (JsonNode result : edgeValues()) {
                for (List<String> path : paths) {
                    merges.add(new Merge(input.deepCopy(), result.deepCopy(), path));
                }
            }
        }
        return merges;
    }

    private static List<Merge> reachableEdges() {
        return edges().stream().filter(PathCompositionProperties::reachable).toList();
    }

    private static List<JsonNode> edgeValues() {
        return List.of(NODES.nullNode(), NODES.numberNode(0), NODES.numberNode(Integer.MIN_VALUE),
                NODES.numberNode(Integer.MAX_VALUE), NODES.stringNode(""), NODES.stringNode(" "),
                NODES.booleanNode(true), NODES.booleanNode(false), NODES.objectNode(), NODES.arrayNode(),
                NODES.arrayNode().add(NODES.nullNode()), NODES.objectNode().set("a", NODES.nullNode()));
    }

    /** One to four names. */
    private static List<String> names(RandomGenerator random) {
        int size = random.nextInt(1, 5);
        List<String> names = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            names.add(name(random));
        }
        return names;
    }

    /** Up to five distinct names, each with a value. */
    private static ObjectNode object(RandomGenerator random) {
        return objectOf(random, 5, () -> value(random));
    }

    /** A scalar, an object of up to three scalars or an array of up to three, one in three each. */
    private static JsonNode value(RandomGenerator random) {
        return switch (random.nextInt(3)) {
            case 0 -> scalar(random);
            case 1 -> objectOf(random, 3, () -> scalar(random));
            default -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(scalar(random));
                }
                yield array;
            }
        };
    }

    private static ObjectNode objectOf(RandomGenerator random, int maxSize,
            Supplier<JsonNode> values) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(maxSize + 1);
        while (object.size() < size) {
            object.set(name(random), values.get());
        }
        return object;
    }

    /** Any int (small ones half the time), a string of up to 8 arbitrary characters, a boolean or null. */
    private static JsonNode scalar(RandomGenerator random) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.numberNode(random.nextBoolean() ? random.nextInt() : random.nextInt(-100, 101));
            case 1 -> NODES.stringNode(Seeded.anyString(random, 8));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.nullNode();
        };
    }

    private static String name(RandomGenerator random) {
        return Seeded.string(random, "abcde", 1, 3);
    }
}
