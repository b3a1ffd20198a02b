package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import io.stepwise.support.Seeded;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
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
    /** Timestamps fall in three seconds from here, so equal instants are common. */
    private static final long FIRST_SECOND = 1_349_800_000L;
    private static final List<ZoneOffset> OFFSETS =
            List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHoursMinutes(-5, -30));
    private static final List<String> INVALID_TIMESTAMPS = List.of("2012-10-09T19:00:55", "2012-10-09 19:00:55Z",
            "2012-13-09T19:00:55Z", "2012-10-09T25:00:55Z", "2012-02-30T19:00:55Z", "2012-10-09T19:00Z",
            "09-10-2012T19:00:55Z", "2012-10-09T19:00:55+0100", "", "HelloWorld");

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

    @Test
    void everyOperatorAgreesWithTheReference() {
        Seeded.forAll(edgeCases(), 5000, ChoiceOperatorProperties::generate, ChoiceOperatorProperties::check);
    }

    private static void check(Case comparison) {
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

    /** An operator, its form (Path or literal), then values mostly of the operator's own type. */
    private static Case generate(RandomGenerator random) {
        ComparisonOperator operator = Seeded.pick(random, ComparisonOperator.values());
        boolean usePath = operator.hasPathForm() && random.nextBoolean();
        Optional<Value> variable = random.nextDouble() < 0.9 ? Optional.of(likely(random, operator)) : Optional.empty();
        Optional<Value> operand = !usePath ? Optional.of(literalFor(random, operator))
                : random.nextDouble() < 0.95 ? Optional.of(likely(random, operator)) : Optional.empty();
        return new Case(operator, variable, usePath, operand);
    }

    /** Mostly values of the operator's own type (3 in 4), so comparisons (and ties) are common. */
    private static Value likely(RandomGenerator random, ComparisonOperator operator) {
        return random.nextInt(4) < 3 ? literalFor(random, operator) : anyValue(random);
    }

    /** The operand a definition may write for this operator (validation guarantees the type). */
    private static Value literalFor(RandomGenerator random, ComparisonOperator operator) {
        String name = operator.awsName();
        if (name.startsWith("Is") || name.startsWith("Boolean")) {
            return booleanValue(random.nextBoolean());
        }
        if (name.startsWith("Numeric")) {
            return number(random);
        }
        if (name.startsWith("Timestamp")) {
            return random.nextBoolean() ? timestamp(random) : invalidTimestamp(random);
        }
        return string(random);
    }

    private static Value anyValue(RandomGenerator random) {
        return switch (random.nextInt(6)) {
            case 0 -> number(random);
            case 1 -> string(random);
            case 2 -> timestamp(random);
            case 3 -> invalidTimestamp(random);
            case 4 -> booleanValue(random.nextBoolean());
            default -> Value.of(NODES.nullNode());
        };
    }

    private static Value number(RandomGenerator random) {
        return switch (random.nextInt(3)) {
            case 0 -> Value.of(NODES.numberNode(random.nextInt(-3, 4)));
            case 1 -> Value.of(NODES.numberNode(random.nextInt(-8, 9) / 4.0));
            default -> Value.of(NODES.numberNode(Seeded.pick(random, 1L << 40, -(1L << 40), (1L << 40) + 1)));
        };
    }

    /** Small alphabets, so equal strings and pattern matches are frequent. */
    private static Value string(RandomGenerator random) {
        return Value.of(NODES.stringNode(Seeded.string(random, "ab*\\", 0, 4)));
    }

    /** Valid RFC 3339 text built from a known instant, in several offsets and precisions. */
    private static Value timestamp(RandomGenerator random) {
        Instant instant = Instant.ofEpochSecond(random.nextLong(FIRST_SECOND, FIRST_SECOND + 3),
                random.nextBoolean() ? 0 : 500_000_000);
        return timestamp(instant, Seeded.pick(random, OFFSETS));
    }

    private static Value timestamp(Instant instant, ZoneOffset offset) {
        String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").format(instant.atOffset(offset));
        return new Value(NODES.stringNode(text), Optional.of(instant));
    }

    private static Value invalidTimestamp(RandomGenerator random) {
        return Value.of(NODES.stringNode(Seeded.pick(random, INVALID_TIMESTAMPS)));
    }

    private static Value booleanValue(boolean value) {
        return Value.of(NODES.booleanNode(value));
    }

    /**
     * Fixed cases: for every operator and form, each boundary literal of its type as operand, against a
     * missing Variable, each boundary literal and one value of every other type (and, in the Path form,
     * the same set for the operand, a missing operand included).
     */
    private static List<Case> edgeCases() {
        Instant first = Instant.ofEpochSecond(FIRST_SECOND);
        List<Value> anyType = List.of(Value.of(NODES.nullNode()), Value.of(NODES.numberNode(0)),
                Value.of(NODES.stringNode("")), booleanValue(true), timestamp(first, ZoneOffset.UTC),
                Value.of(NODES.stringNode(INVALID_TIMESTAMPS.getFirst())));
        List<Case> cases = new ArrayList<>();
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            String name = operator.awsName();
            List<Value> literals;
            if (name.startsWith("Is") || name.startsWith("Boolean")) {
                literals = List.of(booleanValue(true), booleanValue(false));
            } else if (name.startsWith("Numeric")) {
                literals = List.of(Value.of(NODES.numberNode(-3)), Value.of(NODES.numberNode(0)),
                        Value.of(NODES.numberNode(3)), Value.of(NODES.numberNode(-2.0)), Value.of(NODES.numberNode(2.0)),
                        Value.of(NODES.numberNode(1L << 40)), Value.of(NODES.numberNode((1L << 40) + 1)));
            } else if (name.startsWith("Timestamp")) {
                literals = List.of(timestamp(first, ZoneOffset.UTC), timestamp(first, ZoneOffset.ofHours(1)),
                        timestamp(first.plusMillis(500), ZoneOffset.ofHoursMinutes(-5, -30)),
                        Value.of(NODES.stringNode("")), Value.of(NODES.stringNode("2012-02-30T19:00:55Z")));
            } else {
                literals = List.of("", "a", "b", "*", "\\", "a*", "\\*", "**").stream()
                        .map(s -> Value.of(NODES.stringNode(s))).toList();
            }
            List<Optional<Value>> values = new ArrayList<>();
            values.add(Optional.empty());
            literals.forEach(v -> values.add(Optional.of(v)));
            anyType.forEach(v -> values.add(Optional.of(v)));
            for (Optional<Value> variable : values) {
                for (Value literal : literals) {
                    cases.add(new Case(operator, variable, false, Optional.of(literal)));
                }
                if (operator.hasPathForm()) {
                    for (Optional<Value> operand : values) {
                        cases.add(new Case(operator, variable, true, operand));
                    }
                }
            }
        }
        return cases;
    }
}
