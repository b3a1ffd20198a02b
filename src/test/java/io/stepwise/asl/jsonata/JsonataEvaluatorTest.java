package io.stepwise.asl.jsonata;

import static io.stepwise.asl.jsonata.JsonataTestSupport.FIXED_SOURCES;
import static io.stepwise.asl.jsonata.JsonataTestSupport.JSON;
import static io.stepwise.asl.jsonata.JsonataTestSupport.inputBindings;
import static io.stepwise.asl.jsonata.JsonataTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonataEvaluatorTest {

    private final JsonataEvaluator evaluator = new JsonataEvaluator(FIXED_SOURCES);

    private JsonNode output(String template, String inputJson) {
        return evaluator.evaluateTemplate(json(template), "Output", inputBindings(inputJson));
    }

    private static String text(JsonNode value) {
        return JSON.writeValueAsString(value);
    }

    private StatesError failure(String template, String inputJson) {
        try {
            output(template, inputJson);
        } catch (StatesError error) {
            assertThat(error.error()).isEqualTo(ErrorNames.QUERY_EVALUATION_ERROR);
            return error;
        }
        throw new AssertionError("expected a States.QueryEvaluationError");
    }

    @Test
    void recognisesOnlyWholeStringsInDelimitersAsExpressions() {
        assertThat(JsonataEvaluator.isExpression("{% 1 %}")).isTrue();
        assertThat(JsonataEvaluator.isExpression(" {% 1 %}")).isFalse();
        assertThat(JsonataEvaluator.isExpression("{% 1 %} ")).isFalse();
        assertThat(JsonataEvaluator.isExpression("$.no.such.path")).isFalse();
        assertThat(JsonataEvaluator.expressionText("{%   $states.input  %}")).isEqualTo("$states.input");
    }

    @Test
    void evaluatesExpressionsAtAnyDepthAndKeepsEverythingElseLiteral() {
        JsonNode result = output("""
                {"literal": "$nosuchvar", "n": 1.0, "list": [null, "{% $states.input.a %}", {"k": "{% true %}"}],
                 "spaced": " {% 1 %}"}""", "{\"a\": [1, 2]}");
        assertThat(text(result)).isEqualTo(
                "{\"literal\":\"$nosuchvar\",\"n\":1.0,\"list\":[null,[1,2],{\"k\":true}],\"spaced\":\" {% 1 %}\"}");
    }

    @Test
    void integersStayIntegersAndIntegralResultsPrintWithoutAFraction() {
        assertThat(text(output("\"{% $states.input.n %}\"", "{\"n\": 7}"))).isEqualTo("7");
        assertThat(text(output("\"{% $states.input.n * 2 %}\"", "{\"n\": 1.5}"))).isEqualTo("3");
        assertThat(text(output("\"{% $states.input.n %}\"", "{\"n\": 1.0}"))).isEqualTo("1");
        assertThat(text(output("\"{% $states.input.n %}\"", "{\"n\": 0.1}"))).isEqualTo("0.1");
        assertThat(text(output("\"{% 10 / 4 %}\"", "{}"))).isEqualTo("2.5");
        assertThat(text(output("\"{% -0 %}\"", "{}"))).isEqualTo("0");
        assertThat(text(output("\"{% $sum($states.input.v) %}\"", "{\"v\": [1, 2, 3]}"))).isEqualTo("6");
    }

    @Test
    void largeIntegersPassThroughExactly() {
        assertThat(text(output("\"{% $states.input.n %}\"", "{\"n\": 9007199254740993}")))
                .isEqualTo("9007199254740993");
        assertThat(text(output("\"{% $states.input.n %}\"", "{\"n\": 123456789012345678901234567890}")))
                .isEqualTo("123456789012345678901234567890");
        assertThat(text(output("\"{% 1e20 %}\"", "{}"))).isEqualTo("100000000000000000000");
    }

    @Test
    void jsonNullIsAValueButUndefinedIsAnError() {
        assertThat(output("\"{% null %}\"", "{}").isNull()).isTrue();
        assertThat(output("\"{% $states.input.n %}\"", "{\"n\": null}").isNull()).isTrue();
        assertThat(output("\"{% $states.input.n = null %}\"", "{\"n\": null}").booleanValue()).isTrue();
        assertThat(failure("\"{% $states.input.missing %}\"", "{}").cause()).isEqualTo(
                "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing "
                        + "(undefined).");
    }

    @Test
    void undefinedInsideAConstructedObjectDropsTheField() {
        assertThat(output("\"{% {'a': $states.input.missing, 'b': 1} %}\"", "{}")).isEqualTo(json("{\"b\": 1}"));
    }

    @Test
    void errorsNameTheNestedField() {
        assertThat(failure("{\"result\": \"{% $doesNotExist %}\"}", "{}").cause()).isEqualTo(
                "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing "
                        + "(undefined).");
        assertThat(failure("{\"list\": [1, \"{% $doesNotExist %}\"]}", "{}").cause())
                .contains("for the field 'Output/list/1'");
    }

    @Test
    void evaluationErrorsCarryTheJsonataCode() {
        assertThat(failure("{\"FunctionResult\": \"{% $randomSeeded(1) %}\"}", "{}").cause()).isEqualTo(
                "The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' threw an "
                        + "error during evaluation. T1006: Attempted to invoke a non-function");
        assertThat(failure("\"{% 1 + 'a' %}\"", "{}").cause()).contains("threw an error during evaluation. T2002: ");
    }

    @Test
    void syntaxErrorsAreReportedOnEveryUse() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(failure("\"{% (1 + %}\"", "{}").cause())
                    .startsWith("The JSONata expression '(1 +' specified for the field 'Output' threw an error during "
                            + "evaluation. S0");
        }
    }

    @Test
    void functionResultsAreUnsupported() {
        assertThat(failure("\"{% $fn := function($x){$x} %}\"", "{}").cause()).isEqualTo(
                "The JSONata expression '$fn := function($x){$x}' specified for the field 'Output' returned an "
                        + "unsupported result type.");
    }

    @Test
    void typedFieldsReportTheUnexpectedTypeAsAwsDoes() {
        JsonataBindings bindings = inputBindings("{}");
        assertThatThrownBy(() -> evaluator.evaluateTemplate(json("\"{% {'foo': 'bar'} %}\""), "Items",
                ExpectedType.ARRAY, bindings))
                .isInstanceOfSatisfying(StatesError.class, error -> assertThat(error.cause()).isEqualTo(
                        "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected "
                                + "result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}"));
        assertThatThrownBy(() -> evaluator.evaluateTemplate(json("\"{% 'string' %}\""), "Items", ExpectedType.ARRAY,
                bindings)).hasMessageEndingWith("Expected 'array', but was 'string' for value: \"string\"");
        assertThatThrownBy(() -> evaluator.evaluateTemplate(json("\"{% null %}\""), "Items", ExpectedType.ARRAY,
                bindings)).hasMessageEndingWith("Expected 'array', but was 'null' for value: null");
        assertThat(evaluator.evaluateTemplate(json("\"{% [1] %}\""), "Items", ExpectedType.ARRAY, bindings))
                .isEqualTo(json("[1]"));
    }

    @Test
    void bindsStatesPartsAndVariables() {
        JsonataBindings bindings = JsonataBindings.of(json("{\"in\": 1}"), json("{\"Execution\": {\"Name\": \"e1\"}}"),
                        Map.of("counter", json("41"), "config", json("{\"on\": true}")))
                .withResult(json("{\"r\": 2}"))
                .withErrorOutput(json("{\"Error\": \"Boom\"}"));
        JsonNode result = evaluator.evaluateTemplate(json("""
                {"input": "{% $states.input.in %}", "result": "{% $states.result.r %}",
                 "error": "{% $states.errorOutput.Error %}", "name": "{% $states.context.Execution.Name %}",
                 "next": "{% $counter + 1 %}", "on": "{% $config.on %}"}"""), "Output", bindings);
        assertThat(result).isEqualTo(json(
                "{\"input\": 1, \"result\": 2, \"error\": \"Boom\", \"name\": \"e1\", \"next\": 42, \"on\": true}"));
    }

    @Test
    void resultAndErrorOutputAreUndefinedUnlessGiven() {
        assertThat(output("\"{% $exists($states.result) or $exists($states.errorOutput) %}\"", "{}").booleanValue())
                .isFalse();
    }

    @Test
    void aVariableCannotShadowStates() {
        JsonataBindings bindings = JsonataBindings.of(json("{\"real\": true}"), json("{}"),
                Map.of("states", json("{\"input\": {\"real\": false}}")));
        assertThat(evaluator.evaluateExpression("$states.input.real", "Output", bindings).booleanValue()).isTrue();
    }

    @Test
    void regularExpressionsWorkAsRecordedOnAws() {
        assertThat(output("\"{% $contains('hello$world', /^hello\\\\$/) %}\"", "{}").booleanValue()).isTrue();
        assertThat(output("\"{% $contains('hello$world', /^hello\\\\ /) %}\"", "{}").booleanValue()).isFalse();
    }

    @Test
    void evaluatingTheSameBindingsTwiceGivesTheSameAnswer() {
        JsonataBindings bindings = inputBindings("{\"v\": [3, 1, 2]}");
        String sortAndAppend = "$append($sort($states.input.v), 4)";
        JsonNode first = evaluator.evaluateExpression(sortAndAppend, "Output", bindings);
        assertThat(evaluator.evaluateExpression(sortAndAppend, "Output", bindings)).isEqualTo(first);
        assertThat(evaluator.evaluateExpression("$states.input.v", "Output", bindings)).isEqualTo(json("[3, 1, 2]"));
    }
}
