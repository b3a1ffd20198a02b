package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChoiceRuleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static boolean matches(String rule, String input) {
        return ChoiceRuleParser.parse(JSON.readTree(rule)).matches(new FieldPathResolver(JSON.readTree(input), null));
    }

    @Test
    void aComparisonOnAMissingVariableIsARuntimeError() {
        assertThatThrownBy(() -> matches("{\"Variable\": \"$.x\", \"StringEquals\": \"a\", \"Next\": \"N\"}", "{}"))
                .isInstanceOfSatisfying(StatesError.class, error -> {
                    assertThat(error.error()).isEqualTo(ErrorNames.RUNTIME);
                    assertThat(error.cause()).isEqualTo(
                            "Invalid path '$.x': The choice state's condition path references an invalid value.");
                });
        assertThatThrownBy(() -> matches("{\"Variable\": \"$.x\", \"IsNull\": true}", "{}"))
                .isInstanceOf(StatesError.class);
    }

    @Test
    void aMissingPathOperandIsARuntimeErrorNamingThatPath() {
        assertThatThrownBy(() -> matches("{\"Variable\": \"$.x\", \"NumericEqualsPath\": \"$.y\"}", "{\"x\": 1}"))
                .hasMessageContaining("Invalid path '$.y'");
    }

    @Test
    void isPresentIsTheOneTestThatToleratesAMissingVariable() {
        assertThat(matches("{\"Variable\": \"$.x\", \"IsPresent\": false}", "{}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.x\", \"IsPresent\": true}", "{}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.x\", \"IsPresent\": true}", "{\"x\": null}")).isTrue();
    }

    @Test
    void isTestsWithFalseMeanIsNot() {
        assertThat(matches("{\"Variable\": \"$.x\", \"IsString\": false}", "{\"x\": 1}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.x\", \"IsNumeric\": false}", "{\"x\": 1}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.x\", \"IsNull\": false}", "{\"x\": null}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.x\", \"IsBoolean\": true}", "{\"x\": false}")).isTrue();
    }

    @Test
    void aTypeMismatchIsFalseNotAnError() {
        assertThat(matches("{\"Variable\": \"$.x\", \"NumericEquals\": 1}", "{\"x\": \"1\"}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.x\", \"StringEquals\": \"1\"}", "{\"x\": 1}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.x\", \"BooleanEqualsPath\": \"$.y\"}", "{\"x\": true, \"y\": \"true\"}"))
                .isFalse();
    }

    @Test
    void numbersCompareByValue() {
        assertThat(matches("{\"Variable\": \"$.x\", \"NumericEquals\": 1.0}", "{\"x\": 1}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.x\", \"NumericLessThan\": 9007199254740993}",
                "{\"x\": 9007199254740992}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.x\", \"NumericGreaterThanEqualsPath\": \"$.y\"}",
                "{\"x\": 2.5, \"y\": 2.5}")).isTrue();
    }

    @Test
    void timestampsCompareAsInstantsAndInvalidOnesNeverMatch() {
        assertThat(matches("{\"Variable\": \"$.t\", \"TimestampEquals\": \"2012-10-09T18:00:55Z\"}",
                "{\"t\": \"2012-10-09T19:00:55+01:00\"}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.t\", \"TimestampLessThan\": \"2012-10-09T19:00:55.5Z\"}",
                "{\"t\": \"2012-10-09T19:00:55.25Z\"}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.t\", \"TimestampEquals\": \"2012-10-09T19:00:55Z\"}",
                "{\"t\": \"2012-10-09T19:00:55\"}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.t\", \"TimestampLessThanEquals\": \"2012-10-09T19:00:55Z\"}",
                "{\"t\": \"2012-13-09T19:00:55Z\"}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.t\", \"IsTimestamp\": true}", "{\"t\": \"2016-12-05 21:29:29Z\"}"))
                .isFalse();
        assertThat(matches("{\"Variable\": \"$.t\", \"IsTimestamp\": true}", "{\"t\": \"2016-12-05T21:29:29.123Z\"}"))
                .isTrue();
    }

    @Test
    void stringMatchesHonoursWildcardsAndEscapes() {
        assertThat(matches("{\"Variable\": \"$.s\", \"StringMatches\": \"log-*.txt\"}", "{\"s\": \"log-2024.txt\"}"))
                .isTrue();
        assertThat(matches("{\"Variable\": \"$.s\", \"StringMatches\": \"log-*.txt\"}", "{\"s\": \"log-2024.csv\"}"))
                .isFalse();
        assertThat(matches("{\"Variable\": \"$.s\", \"StringMatches\": \"*\"}", "{\"s\": \"\"}")).isTrue();
        // the JSON text \\* is the pattern \* : a literal star
        assertThat(matches("{\"Variable\": \"$.s\", \"StringMatches\": \"a\\\\*\"}", "{\"s\": \"a*\"}")).isTrue();
        assertThat(matches("{\"Variable\": \"$.s\", \"StringMatches\": \"a\\\\*\"}", "{\"s\": \"ab\"}")).isFalse();
        assertThat(matches("{\"Variable\": \"$.s\", \"StringMatches\": \"a\\\\\\\\b\"}", "{\"s\": \"a\\\\b\"}"))
                .isTrue();
    }

    @Test
    void andOrNotCombineAndStopEarly() {
        // the second rule would fail on the missing $.absent if it were evaluated
        assertThat(matches("""
                {"And": [{"Variable": "$.x", "IsPresent": false}, {"Variable": "$.absent", "StringEquals": "a"}]}""",
                "{\"x\": 1}")).isFalse();
        assertThat(matches("""
                {"Or": [{"Variable": "$.x", "NumericEquals": 1}, {"Variable": "$.absent", "StringEquals": "a"}]}""",
                "{\"x\": 1}")).isTrue();
        assertThat(matches("{\"Not\": {\"Variable\": \"$.x\", \"NumericEquals\": 1}, \"Next\": \"N\"}", "{\"x\": 2}"))
                .isTrue();
    }

    @Test
    void parsesIntoTheSealedModel() {
        JsonNode rule = JSON.readTree("""
                {"Not": {"And": [{"Variable": "$.a", "StringEqualsPath": "$.b"},
                                 {"Variable": "$.c", "IsNull": true}]}, "Next": "Done"}""");
        assertThat(ChoiceRuleParser.parse(rule)).isEqualTo(new ChoiceRule.Not(new ChoiceRule.And(List.of(
                new ChoiceRule.Comparison("$.a", ComparisonOperator.STRING_EQUALS, new Operand.Path("$.b")),
                new ChoiceRule.Comparison("$.c", ComparisonOperator.IS_NULL,
                        new Operand.Literal(JSON.readTree("true")))))));
    }

    @Test
    void rejectsNonsenseClearly() {
        assertRejected("[]", "must be an object");
        assertRejected("{\"Variable\": \"$.x\", \"StringSimilar\": \"a\"}", "unknown Choice operator");
        assertRejected("{\"Variable\": \"$.x\", \"StringEquals\": \"a\", \"NumericEquals\": 1}",
                "exactly one operator");
        assertRejected("{\"StringEquals\": \"a\"}", "string Variable");
        assertRejected("{\"Variable\": \"$.x\", \"NumericEquals\": \"1\"}", "NumericEquals needs a number operand");
        assertRejected("{\"Variable\": \"$.x\", \"IsNull\": \"yes\"}", "IsNull needs a boolean operand");
        assertRejected("{\"Variable\": \"$.x\", \"StringMatchesPath\": \"$.p\"}", "unknown Choice operator");
        assertRejected("{\"Variable\": \"$.x\", \"IsNullPath\": \"$.p\"}", "unknown Choice operator");
        assertRejected("{\"And\": []}", "non-empty array");
        assertRejected("{\"And\": [{\"Variable\": \"$.x\", \"IsNull\": true}], \"Variable\": \"$.y\"}",
                "must have nothing else");
    }

    private static void assertRejected(String rule, String messageFragment) {
        assertThatThrownBy(() -> ChoiceRuleParser.parse(JSON.readTree(rule)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messageFragment);
    }
}
