package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every operator, on generated values (numbers, strings, timestamps built from known instants,
 * invalid timestamps, booleans, nulls, missing fields), agrees with a reference written
 * independently: timestamps are known by construction rather than parsed, numbers compare as
 * doubles, StringMatches goes through a regex, strings compare as char arrays.
 */
class ChoiceOperatorProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A generated JSON value; {@code instant} is set exactly when it is a valid timestamp. */
    record Value(JsonNode json, Optional<Instant> instant) {

        static Value of(JsonNode json) {
            return new Value(json, Optional.empty());
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    /** One comparison: the Variable's value (empty = missing field) and the operand's. */
    record Case(ComparisonOperator operator, Optional<Value> variable, boolean pathForm, Optional<Value> operand) {
    }

    @Property(tries = 5000)
    void everyOperatorAgreesWithTheReference(@ForAll("cases") Case comparison) {
        ChoiceRule rule = new ChoiceRule.Comparison("$.v", comparison.operator(),
                comparison.pathForm() ? new Operand.Path("$.o") : new Operand.Literal(comparison.operand().orElseThrow().json()));
        PathResolver resolver = path -> switch (path) {
            case "$.v" -> comparison.variable().map(Value::json);
            case "$.o" -> comparison.operand().map(Value::json);
            default -> throw new IllegalArgumentException(path);
        };
        Optional<Boolean> expected = reference(comparison);
        if (expected.isPresent()) {
            assertThat(rule.matches(resolver)).as(comparison.toString()).isEqualTo(expected.get());
        } else {
            assertThatThrownBy(() -> rule.matches(resolver)).as(comparison.toString())
                    .isInstanceOfSatisfying(StatesError.class,
                            error -> assertThat(error.error()).isEqualTo(ErrorNames.RUNTIME));
        }
    }

    /** The expected outcome; empty when States.Runtime is expected. */
    private static Optional<Boolean> reference(Case comparison) {
        ComparisonOperator operator = comparison.operator();
        if (operator == ComparisonOperator.IS_PRESENT) {
            return Optional.of(comparison.variable().isPresent() == comparison.operand().orElseThrow().json().booleanValue());
        }
        if (comparison.variable().isEmpty() || comparison.operand().isEmpty()) {
            return Optional.empty();
        }
        Value variable = comparison.variable().get();
        Value operand = comparison.operand().get();
        JsonNode v = variable.json();
        JsonNode o = operand.json();
        String name = operator.awsName();
        if (name.startsWith("Is")) {
            boolean hasType = switch (operator) {
                case IS_NULL -> v.isNull();
                case IS_NUMERIC -> v.isNumber();
                case IS_STRING -> v.isString();
                case IS_BOOLEAN -> v.isBoolean();
                case IS_TIMESTAMP -> variable.instant().isPresent();
                default -> throw new IllegalStateException();
            };
            return Optional.of(hasType == o.booleanValue());
        }
        if (operator == ComparisonOperator.STRING_MATCHES) {
            return Optional.of(v.isString() && o.isString() && regexFor(o.stringValue()).matcher(v.stringValue()).matches());
        }
        Integer order = null;
        if (name.startsWith("String") && v.isString() && o.isString()) {
            order = Arrays.compare(v.stringValue().toCharArray(), o.stringValue().toCharArray());
        } else if (name.startsWith("Numeric") && v.isNumber() && o.isNumber()) {
            double a = v.doubleValue();
            double b = o.doubleValue();
            order = a < b ? -1 : a > b ? 1 : 0;
        } else if (name.startsWith("Boolean") && v.isBoolean() && o.isBoolean()) {
            order = v.booleanValue() == o.booleanValue() ? 0 : 1;
        } else if (name.startsWith("Timestamp") && variable.instant().isPresent() && operand.instant().isPresent()) {
            order = variable.instant().get().compareTo(operand.instant().get());
        }
        if (order == null) {
            return Optional.of(false);
        }
        int sign = Integer.signum(order);
        return Optional.of(name.endsWith("GreaterThanEquals") ? sign >= 0
                : name.endsWith("LessThanEquals") ? sign <= 0
                : name.endsWith("GreaterThan") ? sign > 0
                : name.endsWith("LessThan") ? sign < 0
                : sign == 0);
    }

    /** StringMatches as a regex: {@code \x} is a literal x, {@code *} is {@code .*}. */
    private static Pattern regexFor(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ComparisonOperator> operators = Arbitraries.of(ComparisonOperator.class);
        return operators.flatMap(operator -> {
            Arbitrary<Boolean> pathForm = operator.hasPathForm() ? Arbitraries.of(true, false) : Arbitraries.just(false);
            // mostly values of the operator's own type, so comparisons (and ties) are common
            Arbitrary<Value> likely = Arbitraries.frequencyOf(Tuple.of(3, literalFor(operator)), Tuple.of(1, anyValue()));
            return pathForm.flatMap(usePath -> Combinators.combine(
                    likely.optional(0.9),
                    usePath ? likely.optional(0.95) : literalFor(operator).map(Optional::of))
                    .as((variable, operand) -> new Case(operator, variable, usePath, operand)));
        });
    }

    /** The operand a definition may write for this operator (validation guarantees the type). */
    private Arbitrary<Value> literalFor(ComparisonOperator operator) {
        String name = operator.awsName();
        if (name.startsWith("Is") || name.startsWith("Boolean")) {
            return booleans();
        }
        if (name.startsWith("Numeric")) {
            return numbers();
        }
        if (name.startsWith("Timestamp")) {
            return Arbitraries.oneOf(timestamps(), invalidTimestamps());
        }
        return strings();
    }

    private Arbitrary<Value> anyValue() {
        return Arbitraries.oneOf(numbers(), strings(), timestamps(), invalidTimestamps(), booleans(),
                Arbitraries.just(Value.of(NODES.nullNode())));
    }

    private Arbitrary<Value> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).map(i -> Value.of(NODES.numberNode(i))),
                Arbitraries.integers().between(-8, 8).map(i -> Value.of(NODES.numberNode(i / 4.0))),
                Arbitraries.of(1L << 40, -(1L << 40), (1L << 40) + 1).map(l -> Value.of(NODES.numberNode(l))));
    }

    /** Small alphabets, so equal strings and pattern matches are frequent. */
    private Arbitrary<Value> strings() {
        return Arbitraries.strings().withChars('a', 'b', '*', '\\').ofMaxLength(4)
                .map(s -> Value.of(NODES.stringNode(s)));
    }

    /** Valid RFC 3339 text built from a known instant, in several offsets and precisions. */
    private Arbitrary<Value> timestamps() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(1_349_800_000L, 1_349_800_002L)
                .flatMap(second -> Arbitraries.of(0, 500_000_000)
                        .map(nanos -> Instant.ofEpochSecond(second, nanos)));
        Arbitrary<ZoneOffset> offsets = Arbitraries.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHoursMinutes(-5, -30));
        return Combinators.combine(instants, offsets).as((instant, offset) -> {
            String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").format(instant.atOffset(offset));
            return new Value(NODES.stringNode(text), Optional.of(instant));
        });
    }

    private Arbitrary<Value> invalidTimestamps() {
        return Arbitraries.of("2012-10-09T19:00:55", "2012-10-09 19:00:55Z", "2012-13-09T19:00:55Z",
                        "2012-10-09T25:00:55Z", "2012-02-30T19:00:55Z", "2012-10-09T19:00Z", "09-10-2012T19:00:55Z",
                        "2012-10-09T19:00:55+0100", "", "HelloWorld")
                .map(text -> Value.of(NODES.stringNode(text)));
    }

    private Arbitrary<Value> booleans() {
        return Arbitraries.of(true, false).map(b -> Value.of(NODES.booleanNode(b)));
    }
}
