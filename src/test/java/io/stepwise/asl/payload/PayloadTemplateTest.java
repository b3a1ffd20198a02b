package io.stepwise.asl.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.intrinsic.IntrinsicEvaluator;
import io.stepwise.asl.intrinsic.IntrinsicSources;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.asl.jsonpath.PathRoots;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class PayloadTemplateTest {

    private final IntrinsicEvaluator intrinsics = new IntrinsicEvaluator(new IntrinsicSources(new SplittableRandom(1), () -> new UUID(0, 1)));
    private final PathRoots roots = new PathRoots(json("{\"vals\":[0,10,20,30,40,50],\"who\":\"Ada\"}"),
            json("{\"Execution\":{\"Id\":\"exec-1\"}}"), Map.of("limit", json("3")));

    @Test
    void evaluatesDynamicFieldsAndCopiesTheRest() {
        JsonNode template = json("""
                {"flagged": true,
                 "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"},
                 "list": [{"who.$": "$.who"}, "plain", 1],
                 "exec.$": "$$.Execution.Id",
                 "limit.$": "$limit",
                 "greeting.$": "States.Format('Hi {}', $.who)",
                 "literal": "$.not.evaluated",
                 "nested": {"deeper": {"n.$": "States.ArrayLength($.vals)"}}}
                """);
        JsonNode result = PayloadTemplate.compile(template).apply(roots, intrinsics);
        assertThat(result).isEqualTo(json("""
                {"flagged": true,
                 "parts": {"first": 0, "last3": [30, 40, 50]},
                 "list": [{"who": "Ada"}, "plain", 1],
                 "exec": "exec-1",
                 "limit": 3,
                 "greeting": "Hi Ada",
                 "literal": "$.not.evaluated",
                 "nested": {"deeper": {"n": 6}}}
                """));
    }

    @Test
    void aPathThatMatchesNothingIsARuntimeErrorWithAwsCause() {
        PayloadTemplate template = PayloadTemplate.compile(json("{\"value.$\": \"$.no_such_jsonpath\"}"));
        assertThatThrownBy(() -> template.apply(PathRoots.of(json("{\"int-literal\":0}")), intrinsics))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME);
                    assertThat(e.cause()).isEqualTo("The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' "
                            + "could not be found in the input '{\"int-literal\":0}'");
                });
    }

    @Test
    void anIndefinitePathOnAMissingFieldGivesAnEmptyArray() {
        JsonNode result = PayloadTemplate.compile(json("{\"item.$\": \"$.items[*].itemValue\"}")).apply(PathRoots.of(json("{}")), intrinsics);
        assertThat(result).isEqualTo(json("{\"item\": []}"));
    }

    @Test
    void theTemplateAndTheInputAreLeftUntouched() {
        JsonNode template = json("{\"a.$\": \"$.vals\", \"b\": {\"c\": 1}}");
        JsonNode templateBefore = template.deepCopy();
        JsonNode inputBefore = roots.input().deepCopy();
        JsonNode first = PayloadTemplate.compile(template).apply(roots, intrinsics);
        ((tools.jackson.databind.node.ObjectNode) first.get("b")).put("c", 2);
        assertThat(PayloadTemplate.compile(template).apply(roots, intrinsics).at("/b/c").intValue()).isEqualTo(1);
        assertThat(template).isEqualTo(templateBefore);
        assertThat(roots.input()).isEqualTo(inputBefore);
    }

    @Test
    void rejectsBadTemplatesWhenCompiling() {
        assertThatThrownBy(() -> PayloadTemplate.compile(json("{\"a.$\": 1}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadTemplate.compile(json("{\"a.$\": \"not a path\"}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadTemplate.compile(json("{\"a.$\": \"States.Nope()\"}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadTemplate.compile(json("{\"a.$\": \"$.x\", \"a\": 1}"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode json(String text) {
        return JsonValues.MAPPER.readTree(text);
    }
}
