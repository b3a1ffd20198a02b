package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.assertWarning;

import org.junit.jupiter.api.Test;

class ChoiceRulesValidationTest {

    private static String choice(String choices) {
        return "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": " + choices
                + ", \"Default\": \"D\"}, \"D\": {\"Type\": \"Succeed\"}}}";
    }

    private static String jsonataChoice(String choices) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\","
                + " \"Choices\": " + choices + ", \"Default\": \"D\"}, \"D\": {\"Type\": \"Succeed\"}}}";
    }

    @Test
    void wellFormedRulesPass() {
        assertNoErrors(choice("""
                [{"Variable": "$.n", "NumericGreaterThanEquals": 3, "Next": "D"},
                 {"And": [{"Variable": "$.s", "StringMatches": "a*"}, {"Not": {"Variable": "$$.x", "IsPresent": true}}],
                  "Next": "D"},
                 {"Variable": "$v", "TimestampLessThanPath": "$.t", "Next": "D", "Assign": {"x.$": "$.n"}}]"""));
        assertNoErrors(jsonataChoice("[{\"Condition\": \"{% $states.input.ok %}\", \"Next\": \"D\"}]"));
    }

    @Test
    void choicesMustBeANonEmptyArray() {
        assertSchemaError(choice("[]"), "/States/C/Choices");
        assertSchemaError(choice("{}"), "/States/C/Choices");
    }

    @Test
    void exactlyOneOperatorWithVariable() {
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"Next\": \"D\"}]"), "/States/C/Choices/0");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"IsNull\": true, \"IsString\": true, \"Next\": \"D\"}]"),
                "/States/C/Choices/0");
        assertSchemaError(choice("[{\"StringEquals\": \"a\", \"Next\": \"D\"}]"), "/States/C/Choices/0");
    }

    @Test
    void variableMustBeAPath() {
        assertSchemaError(choice("[{\"Variable\": \"States.ArrayContains($.a, 1)\", \"NumericEquals\": 1,"
                + " \"Next\": \"D\"}]"), "/States/C/Choices/0/Variable");
    }

    @Test
    void topLevelRulesNeedNextAndNestedRulesMustNotHaveIt() {
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"IsNull\": true, \"End\": true}]"), "/States/C/Choices/0");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"IsNull\": true, \"End\": true}]"),
                "/States/C/Choices/0/End");
        assertSchemaError(choice("[{\"Not\": {\"Variable\": \"$.x\", \"IsNull\": true, \"Next\": \"D\"}, \"Next\": \"D\"}]"),
                "/States/C/Choices/0/Not/Next");
    }

    @Test
    void booleanCombinatorsHaveTheirShapes() {
        assertSchemaError(choice("[{\"And\": [], \"Next\": \"D\"}]"), "/States/C/Choices/0/And");
        assertSchemaError(choice("[{\"Or\": {}, \"Next\": \"D\"}]"), "/States/C/Choices/0/Or");
        assertSchemaError(choice("[{\"Not\": [], \"Next\": \"D\"}]"), "/States/C/Choices/0/Not");
    }

    @Test
    void operandsHaveTheOperatorsType() {
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"StringEquals\": 1, \"Next\": \"D\"}]"),
                "/States/C/Choices/0/StringEquals");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"NumericLessThan\": \"1\", \"Next\": \"D\"}]"),
                "/States/C/Choices/0/NumericLessThan");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"BooleanEquals\": \"true\", \"Next\": \"D\"}]"),
                "/States/C/Choices/0/BooleanEquals");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"TimestampEquals\": \"2016-13-01T00:00:00Z\", \"Next\": \"D\"}]"),
                "/States/C/Choices/0/TimestampEquals");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"StringEqualsPath\": \"x\", \"Next\": \"D\"}]"),
                "/States/C/Choices/0/StringEqualsPath");
        assertSchemaError(choice("[{\"Variable\": \"$.x\", \"IsNumeric\": 1, \"Next\": \"D\"}]"),
                "/States/C/Choices/0/IsNumeric");
    }

    @Test
    void pathLikeLiteralGetsANoPathWarning() {
        assertWarning(choice("[{\"Variable\": \"$.x\", \"StringEquals\": \"$.y\", \"Next\": \"D\"}]"),
                DiagnosticCodes.NO_PATH, "/States/C/Choices/0/StringEquals");
    }

    @Test
    void jsonataRulesUseConditionOnly() {
        assertSchemaError(jsonataChoice("[{\"Next\": \"D\"}]"), "/States/C/Choices/0");
        assertSchemaError(jsonataChoice("[{\"Variable\": \"$.x\", \"IsNull\": true, \"Condition\": true, \"Next\": \"D\"}]"),
                "/States/C/Choices/0/Variable");
        assertSchemaError(jsonataChoice("[{\"Condition\": \"$.x\", \"Next\": \"D\"}]"), "/States/C/Choices/0/Condition");
        assertSchemaError(jsonataChoice("[{\"Condition\": \"{% $x = %}\", \"Next\": \"D\"}]"),
                "/States/C/Choices/0/Condition");
    }

    @Test
    void defaultMustBeAName() {
        assertSchemaError("{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": "
                + "[{\"Variable\": \"$.x\", \"IsNull\": true, \"Next\": \"C\"}], \"Default\": 1}}}", "/States/C/Default");
    }
}
