package io.stepwise.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.asl.jsonpath.PathRoots;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

class IntrinsicFunctionsTest {

    private static final UUID FIXED = UUID.fromString("6f2b7a3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c");

    private final IntrinsicEvaluator evaluator = new IntrinsicEvaluator(new IntrinsicSources(new SplittableRandom(42), () -> FIXED));

    private final PathRoots roots = new PathRoots(json("""
            {"name": "Ada", "obj": {"Arg1": 1, "Arg2": [], "s": "x"}, "arr": [1, 2, 2, "a", "a", {"k": 1}, {"k": 1.0}],
             "csv": "a,b,,c", "n": 3.7}
            """), json("{\"Execution\":{\"Name\":\"run\"}}"), Map.of("v", json("[10, 20]")));

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "States.Format('Hello, {}!', $.name)                        => \"Hello, Ada!\"",
            "States.Format('{} {} {}', 1.5, true, null)                  => \"1.5 true null\"",
            "States.Format('obj={}', $.obj)                              => \"obj={Arg1=1, Arg2=[], s=x}\"",
            "States.Format('arr={}', States.Array(1, 'a', States.Array()))  => \"arr=[1, a, []]\"",
            "States.Format('\\{\\} is literal, {} is not', 'this')      => \"{} is literal, this is not\"",
            "States.Format('it\\'s {}', $$.Execution.Name)              => \"it's run\"",
            "States.Format('no placeholders')                            => \"no placeholders\"",
            "States.StringToJson('{\"a\": [1, 2]}')                      => {\"a\":[1,2]}",
            "States.StringToJson('')                                     => null",
            "States.StringToJson('  ')                                   => null",
            "States.StringToJson('-0')                                   => 0",
            "States.JsonToString($.obj)                                  => \"{\\\"Arg1\\\":1,\\\"Arg2\\\":[],\\\"s\\\":\\\"x\\\"}\"",
            "States.JsonToString('HelloWorld')                           => \"\\\"HelloWorld\\\"\"",
            "States.Array()                                              => []",
            "States.Array($.name, 2, $v[1])                              => [\"Ada\",2,20]",
            "States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)        => [[1,2],[3,4],[5]]",
            "States.ArrayPartition($.arr, 2.9)                           => [[1,2],[2,\"a\"],[\"a\",{\"k\":1}],[{\"k\":1.0}]]",
            "States.ArrayContains($.arr, 'a')                            => true",
            "States.ArrayContains($.arr, States.StringToJson('{\"k\": 2}')) => false",
            "States.ArrayContains($.arr, States.StringToJson('{\"k\": 1}')) => true",
            "States.ArrayContains($.arr, 3)                              => false",
            "States.ArrayRange(1, 9, 2)                                  => [1,3,5,7,9]",
            "States.ArrayRange(0, 10, 3)                                 => [0,3,6,9]",
            "States.ArrayRange(5, 1, -2)                                 => [5,3,1]",
            "States.ArrayRange(5, 1, 1)                                  => []",
            "States.ArrayRange(1.9, 3.9, 1)                              => [1,2,3]",
            "States.ArrayGetItem($.arr, 3)                               => \"a\"",
            "States.ArrayGetItem($v, 1.7)                                => 20",
            "States.ArrayLength($.arr)                                   => 7",
            "States.ArrayUnique($.arr)                                   => [1,2,\"a\",{\"k\":1}]",
            "States.Base64Encode('Data to encode')                       => \"RGF0YSB0byBlbmNvZGU=\"",
            "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')                 => \"Data to encode\"",
            "States.Base64Encode('héllo ✓')                              => \"aMOpbGxvIOKckw==\"",
            "States.Hash('input data', 'MD5')                            => \"812f45842bc6d66ee14572ce20db8e86\"",
            "States.Hash('input data', 'SHA-1')                          => \"aaff4a450a104cd177d28d18d74485e8cae074b7\"",
            "States.Hash('input data', 'SHA-256')                        => \"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"",
            "States.JsonMerge($.obj, States.StringToJson('{\"s\": 2, \"t\": 3}'), false) => {\"Arg1\":1,\"Arg2\":[],\"s\":2,\"t\":3}",
            "States.MathAdd(1.49, 1.5)                                   => 3",
            "States.MathAdd(-0.5, 0)                                     => 0",
            "States.MathAdd(-1.51, 0)                                    => -2",
            "States.MathAdd(2147483647, 1)                               => 2147483648",
            "States.MathAdd($.n, -1)                                     => 3",
            "States.StringSplit(', , ,', ',')                            => [\" \",\" \"]",
            "States.StringSplit($.csv, ',')                              => [\"a\",\"b\",\"c\"]",
            "States.StringSplit('This.is+a,test=string', '.+,=')         => [\"This\",\"is\",\"a\",\"test\",\"string\"]",
            "States.StringSplit(',,,,', ',')                             => []",
            "States.UUID()                                               => \"6f2b7a3c-1d4e-4f5a-8b6c-7d8e9f0a1b2c\"",
    })
    void evaluatesLikeAws(String call, String expected) {
        JsonNode actual = evaluator.evaluate(call, roots);
        assertThat(JsonValues.sameValue(actual, json(expected))).as("%s gave %s, expected %s", call, actual, expected).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "States.Format('{} {}', 'one')",
            "States.Format('{}', 'one', 'two')",
            "States.Format('Hello {', 'x')",
            "States.Format('}')",
            "States.Format($.arr)",
            "States.StringToJson('{not json')",
            "States.StringToJson(1)",
            "States.ArrayPartition($.arr, 0)",
            "States.ArrayPartition($.arr, 0.6)",
            "States.ArrayPartition('not-array', 2)",
            "States.ArrayPartition($.arr, '2')",
            "States.ArrayContains($.name, 'A')",
            "States.ArrayRange(1, 10, 0)",
            "States.ArrayRange(1, 1001, 1)",
            "States.ArrayRange('a', 5, 1)",
            "States.ArrayGetItem($.arr, 7)",
            "States.ArrayGetItem($.arr, -1)",
            "States.ArrayGetItem($.arr, '1')",
            "States.ArrayLength($.obj)",
            "States.Base64Decode('%%%')",
            "States.Hash('data', 'SHA-3')",
            "States.Hash($.obj, 'MD5')",
            "States.JsonMerge($.obj, $.obj, true)",
            "States.JsonMerge($.obj, $.arr, false)",
            "States.MathAdd(1, '-1')",
            "States.MathAdd(2147483648, 0)",
            "States.MathRandom(1, 1)",
            "States.MathRandom(10, 5)",
            "States.MathRandom(1.4, 1.6)",
            "States.MathRandom(1, 10, 'seed')",
            "States.MathRandom(1, 10, null)",
            "States.StringSplit($.name, 1)",
    })
    void invalidArgumentsAreARuntimeErrorNamingTheFunction(String call) {
        String function = call.substring(0, call.indexOf('('));
        assertThatThrownBy(() -> evaluator.evaluate(call, roots)).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME);
            assertThat(e.cause()).isEqualTo("Invalid arguments in " + function);
        });
    }

    @Test
    void base64AndHashRejectInputsOverTenThousandCharacters() {
        String limit = "a".repeat(10_000);
        PathRoots big = PathRoots.of(JsonValues.MAPPER.createObjectNode().put("ok", limit).put("tooBig", limit + "a"));
        assertThat(evaluator.evaluate("States.Base64Encode($.ok)", big).isString()).isTrue();
        assertThat(evaluator.evaluate("States.Hash($.ok, 'SHA-512')", big).stringValue()).hasSize(128);
        assertThatThrownBy(() -> evaluator.evaluate("States.Base64Encode($.tooBig)", big)).isInstanceOf(StatesError.class);
        assertThatThrownBy(() -> evaluator.evaluate("States.Hash($.tooBig, 'MD5')", big)).isInstanceOf(StatesError.class);
    }

    @Test
    void aMissingPathArgumentQuotesThePathAndTheInput() {
        assertThatThrownBy(() -> evaluator.evaluate("States.ArrayLength($.missing)", PathRoots.of(json("{\"a\":1}"))))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME);
                    assertThat(e.cause()).isEqualTo("The JsonPath argument for the field '$.missing' could not be found in the input '{\"a\":1}'");
                });
    }

    @Test
    void mathRandomStaysInItsHalfOpenRangeAndRepeatsForASeed() {
        for (int i = 0; i < 200; i++) {
            int value = evaluator.evaluate("States.MathRandom(1.9, 4.9)", roots).intValue();
            assertThat(value).isBetween(1, 3);
        }
        IntrinsicEvaluator other = new IntrinsicEvaluator(IntrinsicSources.system());
        JsonNode seeded = evaluator.evaluate("States.MathRandom(0, 1000000, 7)", roots);
        assertThat(other.evaluate("States.MathRandom(0, 1000000, 7)", roots)).isEqualTo(seeded);
    }

    @Test
    void unseededRandomnessComesFromTheInjectedSource() {
        IntrinsicEvaluator first = new IntrinsicEvaluator(new IntrinsicSources(new SplittableRandom(1), UUID::randomUUID));
        IntrinsicEvaluator second = new IntrinsicEvaluator(new IntrinsicSources(new SplittableRandom(1), UUID::randomUUID));
        for (int i = 0; i < 5; i++) {
            assertThat(first.evaluate("States.MathRandom(0, 1000000)", roots))
                    .isEqualTo(second.evaluate("States.MathRandom(0, 1000000)", roots));
        }
    }

    @Test
    void resultsDoNotAliasTheInput() {
        JsonNode before = roots.input().deepCopy();
        JsonNode merged = evaluator.evaluate("States.JsonMerge($.obj, $.obj, false)", roots);
        ((tools.jackson.databind.node.ObjectNode) merged).put("Arg1", 99);
        assertThat(roots.input()).isEqualTo(before);
    }

    private static JsonNode json(String text) {
        return JsonValues.MAPPER.readTree(text);
    }
}
