package io.stepwise.asl.choice;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The comparison operators of JSONPath Choice rules. A value of the wrong type never matches (the
 * spec: "a comparison against a value of a different type is false"); it is not an error.
 */
public enum ComparisonOperator {
    STRING_EQUALS("StringEquals", Kind.STRING, Relation.EQUAL),
    STRING_LESS_THAN("StringLessThan", Kind.STRING, Relation.LESS),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Relation.GREATER),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Relation.LESS_OR_EQUAL),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Relation.GREATER_OR_EQUAL),
    STRING_MATCHES("StringMatches", Kind.PATTERN, null),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, Relation.EQUAL),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, Relation.LESS),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, Relation.GREATER),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, Relation.LESS_OR_EQUAL),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, Relation.GREATER_OR_EQUAL),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Relation.EQUAL),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Relation.EQUAL),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Relation.LESS),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Relation.GREATER),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Relation.LESS_OR_EQUAL),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Relation.GREATER_OR_EQUAL),
    IS_NULL("IsNull", Kind.TYPE_TEST, null),
    IS_PRESENT("IsPresent", Kind.TYPE_TEST, null),
    IS_NUMERIC("IsNumeric", Kind.TYPE_TEST, null),
    IS_STRING("IsString", Kind.TYPE_TEST, null),
    IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST, null),
    IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST, null);

    /** What the operator compares, which decides the operand's type and whether a Path form exists. */
    public enum Kind {
        STRING, PATTERN, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST
    }

    private enum Relation {
        EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL;

        boolean holds(int comparison) {
            return switch (this) {
                case EQUAL -> comparison == 0;
                case LESS -> comparison < 0;
                case GREATER -> comparison > 0;
                case LESS_OR_EQUAL -> comparison <= 0;
                case GREATER_OR_EQUAL -> comparison >= 0;
            };
        }
    }

    private static final Map<String, ComparisonOperator> BY_AWS_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ComparisonOperator::awsName, Function.identity()));

    private final String awsName;
    private final Kind kind;
    private final Relation relation;

    ComparisonOperator(String awsName, Kind kind, Relation relation) {
        this.awsName = awsName;
        this.kind = kind;
        this.relation = relation;
    }

    /** The field name in a Choice rule, without the {@code Path} suffix. */
    public String awsName() {
        return awsName;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a {@code ...Path} form exists (not for StringMatches and the Is* tests). */
    public boolean hasPathForm() {
        return kind != Kind.PATTERN && kind != Kind.TYPE_TEST;
    }

    static Optional<ComparisonOperator> byAwsName(String name) {
        return Optional.ofNullable(BY_AWS_NAME.get(name));
    }

    /**
     * Compares the Variable's value with the operand's value. For the Is* tests the operand is the
     * boolean from the rule: {@code false} asks "is not".
     */
    boolean test(JsonNode value, JsonNode operand) {
        return switch (kind) {
            case TYPE_TEST -> hasTestedType(value) == operand.booleanValue();
            case STRING -> value.isString() && operand.isString()
                    && relation.holds(value.stringValue().compareTo(operand.stringValue()));
            case PATTERN -> value.isString() && operand.isString()
                    && WildcardPattern.matches(operand.stringValue(), value.stringValue());
            case NUMERIC -> value.isNumber() && operand.isNumber()
                    && relation.holds(exactValue(value).compareTo(exactValue(operand)));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean()
                    && relation.holds(Boolean.compare(value.booleanValue(), operand.booleanValue()));
            case TIMESTAMP -> compareTimestamps(value, operand);
        };
    }

    private boolean hasTestedType(JsonNode value) {
        return switch (this) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isString();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isString() && Timestamps.parse(value.stringValue()).isPresent();
            default -> throw new IllegalStateException(this + " is not a type test");
        };
    }

    /** Invalid timestamps on either side make the comparison false, like any type mismatch. */
    private boolean compareTimestamps(JsonNode value, JsonNode operand) {
        if (!value.isString() || !operand.isString()) {
            return false;
        }
        var left = Timestamps.parse(value.stringValue());
        var right = Timestamps.parse(operand.stringValue());
        return left.isPresent() && right.isPresent() && relation.holds(left.get().compareTo(right.get()));
    }

    /** Exact, so 1 equals 1.0 and large integers are not rounded through double. */
    private static BigDecimal exactValue(JsonNode number) {
        if (number.isIntegralNumber()) {
            return new BigDecimal(number.bigIntegerValue());
        }
        if (number.isBigDecimal()) {
            return number.decimalValue();
        }
        return BigDecimal.valueOf(number.doubleValue());
    }
}
