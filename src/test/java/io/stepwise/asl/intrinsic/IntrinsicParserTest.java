package io.stepwise.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicParserTest {

    @Test
    void parsesEveryKindOfArgument() {
        IntrinsicCall call = IntrinsicParser.parse(
                "States.Array('it\\'s {\\}', -1.5e2, true, false, null, $.a[0], $$.Execution.Id, $myVar.x, States.UUID())");
        assertThat(call.function()).isEqualTo(IntrinsicFunction.ARRAY);
        assertThat(call.arguments()).hasSize(9);
        assertThat(call.arguments().get(0)).isEqualTo(new IntrinsicArgument.Text("it's {}", "it\\'s {\\}"));
        assertThat(((IntrinsicArgument.Literal) call.arguments().get(1)).value().doubleValue()).isEqualTo(-150.0);
        assertThat(((IntrinsicArgument.Literal) call.arguments().get(4)).value().isNull()).isTrue();
        assertThat(((IntrinsicArgument.Path) call.arguments().get(5)).path()).isEqualTo(JsonPath.parse("$.a[0]"));
        assertThat(((IntrinsicArgument.Path) call.arguments().get(6)).path().root()).isEqualTo(JsonPath.Root.CONTEXT);
        assertThat(((IntrinsicArgument.Path) call.arguments().get(7)).path().root()).isEqualTo(JsonPath.Root.VARIABLE);
        assertThat(call.arguments().get(8)).isEqualTo(new IntrinsicCall(IntrinsicFunction.UUID, java.util.List.of()));
    }

    @Test
    void pathsMayHoldCommasAndParenthesesInsideBracketsAndFilters() {
        IntrinsicCall call = IntrinsicParser.parse("States.Array($['a,b'], $.xs[?(@.n == 1)], $.ys[0,1])");
        assertThat(call.arguments()).extracting(a -> ((IntrinsicArgument.Path) a).path().text())
                .containsExactly("$['a,b']", "$.xs[?(@.n == 1)]", "$.ys[0,1]");
    }

    @Test
    void parsesDeeplyNestedCallsWithSpaces() {
        IntrinsicCall call = IntrinsicParser.parse(
                " States.Format( '{}.{}' , States.ArrayGetItem(States.StringSplit($.arn, '/'), 2) ,States.MathAdd(1,-1) ) ");
        assertThat(call.arguments().get(1)).isInstanceOf(IntrinsicCall.class);
        assertThat(((IntrinsicCall) call.arguments().get(1)).arguments().getFirst()).isInstanceOf(IntrinsicCall.class);
    }

    @Test
    void keepsALiteralNewlineInAString() {
        assertThat(IntrinsicParser.parse("States.StringSplit('Hello\nWorld', '\n')").arguments().getFirst())
                .isEqualTo(new IntrinsicArgument.Text("Hello\nWorld", "Hello\nWorld"));
    }

    @Test
    void cachesParses() {
        assertThat(IntrinsicParser.parse("States.ArrayLength($.a)")).isSameAs(IntrinsicParser.parse("States.ArrayLength($.a)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "States.Nope(1)",
            "Format('x')",
            "States.Format",
            "States.Format('unclosed)",
            "States.Format('He said, \\\"Hello\\\"')",
            "States.StringToJson('{\"text\":\"An \\\"escaped\\\" quote\"}')",
            "States.Format('a') trailing",
            "States.ArrayLength($.a,)",
            "States.ArrayLength()",
            "States.ArrayRange(1, 5)",
            "States.MathRandom(1, 2, 3, 4)",
            "States.UUID(1)",
            "States.JsonMerge($.a, $.b)",
            "States.ArrayLength(a.b)",
            "States.ArrayLength($.a[)",
            "States.MathAdd(01, 2)",
            "States.Array(truex)",
            "",
    })
    void rejectsBadCalls(String call) {
        assertThatThrownBy(() -> IntrinsicParser.parse(call))
                .isInstanceOf(IntrinsicSyntaxException.class)
                .hasMessageStartingWith("Invalid intrinsic function call");
    }

    @Test
    void acceptsWhatAwsAcceptsAndFailsOnlyAtRunTime() {
        assertThat(IntrinsicParser.parse("States.MathAdd(1,'-1')").function()).isEqualTo(IntrinsicFunction.MATH_ADD);
    }

    @Test
    void namesTheProblemInTheMessage() {
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Nope(1)")).hasMessageContaining("unknown intrinsic function 'States.Nope'");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.ArrayRange(1, 5)")).hasMessageContaining("takes 3 arguments, got 2");
    }
}
