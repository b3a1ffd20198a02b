package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Whatever the JSON, the validator answers with diagnostics and never throws. */
class DefinitionValidatorProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** ASL field names and values, so random trees reach deep into the checks instead of failing at the top. */
    private static final List<String> KEYS = List.of("StartAt", "States", "Type", "Next", "End", "Choices", "Variable",
            "StringEquals", "And", "Not", "Retry", "Catch", "ErrorEquals", "Branches", "ItemProcessor", "Iterator",
            "Parameters", "a.$", "ResultPath", "InputPath", "Seconds", "Timestamp", "Resource", "Credentials",
            "QueryLanguage", "Output", "Condition", "Items", "Label", "ItemReader", "ReaderConfig", "MaxItems",
            "ItemBatcher", "Assign", "ProcessorConfig", "Mode", "Default", "S", "T");
    private static final List<String> STRINGS = List.of("S", "T", "Pass", "Choice", "Map", "Parallel", "Task", "Wait",
            "Fail", "Succeed", "JSONata", "JSONPath", "$", "$.a[", "$$.x", "States.ALL", "States.Format('{}', $.a)",
            "{% 1 + %}", "{% $x %}", "arn:aws:states:::lambda:invoke", "2016-03-14T01:59:00Z", "", "a/b~c");
    private static final int DEPTH = 4;

    @Test
    void neverThrows() {
        Seeded.forAll(edgeDefinitions(), 400, random -> node(random, DEPTH), definition -> {
            List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);
            assertThat(diagnostics).allSatisfy(d -> assertThat(d.location()).startsWith("/"));
            DefinitionValidator.validate(definition, StateMachineType.EXPRESS);
            DefinitionValidator.validateState(definition);
        });
    }

    @Test
    void neverThrowsOnText() {
        List<String> edges = List.of("", " ", "\u0000", "null", "{}", "[]", "{", "\"", "{\"StartAt\":", "\uffff");
        Seeded.forAll(edges, 200, random -> Seeded.anyString(random, 255),
                text -> assertThat(DefinitionValidator.validate(text)).isNotNull());
    }

    /** Every leaf at its bounds, empty containers, and containers of each ASL key. */
    private static List<JsonNode> edgeDefinitions() {
        List<JsonNode> edges = new ArrayList<>(List.of(NODES.nullNode(), NODES.stringNode(""),
                NODES.numberNode(-3), NODES.numberNode(200), NODES.numberNode(0.0), NODES.booleanNode(true),
                NODES.objectNode(), NODES.arrayNode(), NODES.arrayNode().add(NODES.objectNode())));
        for (String key : KEYS) {
            edges.add(NODES.objectNode().set(key, NODES.nullNode()));
            edges.add(NODES.objectNode().set(key, NODES.objectNode()));
            edges.add(NODES.objectNode().set(key, NODES.arrayNode()));
        }
        return edges;
    }

    /** Leaves 2 : objects 5 : arrays 2 above depth 0, only leaves at depth 0. */
    private static JsonNode node(RandomGenerator random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(9);
        if (kind < 2) {
            return leaf(random);
        }
        if (kind < 7) {
            ObjectNode result = NODES.objectNode();
            int size = random.nextInt(6);
            for (int i = 0; i < size; i++) {
                result.set(Seeded.pick(random, KEYS), node(random, depth - 1));
            }
            return result;
        }
        ArrayNode result = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            result.add(node(random, depth - 1));
        }
        return result;
    }

    private static JsonNode leaf(RandomGenerator random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.stringNode(Seeded.pick(random, STRINGS));
            case 1 -> NODES.numberNode(random.nextInt(-3, 201));
            case 2 -> NODES.numberNode(Seeded.pick(random, 1.5, 0.0, -2.25));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.nullNode();
        };
    }
}
