package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Property(tries = 400)
    void neverThrows(@ForAll("definitions") JsonNode definition) {
        List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);
        assertThat(diagnostics).allSatisfy(d -> assertThat(d.location()).startsWith("/"));
        DefinitionValidator.validate(definition, StateMachineType.EXPRESS);
        DefinitionValidator.validateState(definition);
    }

    @Property(tries = 200)
    void neverThrowsOnText(@ForAll String text) {
        assertThat(DefinitionValidator.validate(text)).isNotNull();
    }

    @Provide
    Arbitrary<JsonNode> definitions() {
        return node(4);
    }

    private Arbitrary<JsonNode> node(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.of(STRINGS).map(NODES::stringNode),
                Arbitraries.integers().between(-3, 200).map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.of(1.5, 0.0, -2.25).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> object = Arbitraries.of(KEYS).list().ofMaxSize(5)
                .flatMap(keys -> node(depth - 1).list().ofSize(keys.size()).map(values -> {
                    ObjectNode result = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        result.set(keys.get(i), values.get(i));
                    }
                    return (JsonNode) result;
                }));
        Arbitrary<JsonNode> array = node(depth - 1).list().ofMaxSize(3).map(values -> {
            ArrayNode result = NODES.arrayNode();
            values.forEach(result::add);
            return (JsonNode) result;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(5, object), net.jqwik.api.Tuple.of(2, array));
    }
}
