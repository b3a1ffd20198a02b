package io.stepwise.asl.validation;

import java.util.Optional;

/** The comparison operators of JSONPath Choice rules, grouped by the value each one compares against. */
enum ChoiceOperator {
    STRING_EQUALS("StringEquals", Operand.STRING),
    STRING_LESS_THAN("StringLessThan", Operand.STRING),
    STRING_GREATER_THAN("StringGreaterThan", Operand.STRING),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Operand.STRING),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Operand.STRING),
    STRING_MATCHES("StringMatches", Operand.STRING),
    NUMERIC_EQUALS("NumericEquals", Operand.NUMBER),
    NUMERIC_LESS_THAN("NumericLessThan", Operand.NUMBER),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Operand.NUMBER),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Operand.NUMBER),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Operand.NUMBER),
    BOOLEAN_EQUALS("BooleanEquals", Operand.BOOLEAN),
    TIMESTAMP_EQUALS("TimestampEquals", Operand.TIMESTAMP),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Operand.TIMESTAMP),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Operand.TIMESTAMP),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Operand.TIMESTAMP),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Operand.TIMESTAMP),
    STRING_EQUALS_PATH("StringEqualsPath", Operand.PATH),
    STRING_LESS_THAN_PATH("StringLessThanPath", Operand.PATH),
    STRING_GREATER_THAN_PATH("StringGreaterThanPath", Operand.PATH),
    STRING_LESS_THAN_EQUALS_PATH("StringLessThanEqualsPath", Operand.PATH),
    STRING_GREATER_THAN_EQUALS_PATH("StringGreaterThanEqualsPath", Operand.PATH),
    NUMERIC_EQUALS_PATH("NumericEqualsPath", Operand.PATH),
    NUMERIC_LESS_THAN_PATH("NumericLessThanPath", Operand.PATH),
    NUMERIC_GREATER_THAN_PATH("NumericGreaterThanPath", Operand.PATH),
    NUMERIC_LESS_THAN_EQUALS_PATH("NumericLessThanEqualsPath", Operand.PATH),
    NUMERIC_GREATER_THAN_EQUALS_PATH("NumericGreaterThanEqualsPath", Operand.PATH),
    BOOLEAN_EQUALS_PATH("BooleanEqualsPath", Operand.PATH),
    TIMESTAMP_EQUALS_PATH("TimestampEqualsPath", Operand.PATH),
    TIMESTAMP_LESS_THAN_PATH("TimestampLessThanPath", Operand.PATH),
    TIMESTAMP_GREATER_THAN_PATH("TimestampGreaterThanPath", Operand.PATH),
    TIMESTAMP_LESS_THAN_EQUALS_PATH("TimestampLessThanEqualsPath", Operand.PATH),
    TIMESTAMP_GREATER_THAN_EQUALS_PATH("TimestampGreaterThanEqualsPath", Operand.PATH),
    IS_NULL("IsNull", Operand.BOOLEAN),
    IS_PRESENT("IsPresent", Operand.BOOLEAN),
    IS_NUMERIC("IsNumeric", Operand.BOOLEAN),
    IS_STRING("IsString", Operand.BOOLEAN),
    IS_BOOLEAN("IsBoolean", Operand.BOOLEAN),
    IS_TIMESTAMP("IsTimestamp", Operand.BOOLEAN);

    enum Operand {
        STRING, NUMBER, BOOLEAN, TIMESTAMP, PATH
    }

    private final String aslName;
    private final Operand operand;

    ChoiceOperator(String aslName, Operand operand) {
        this.aslName = aslName;
        this.operand = operand;
    }

    String aslName() {
        return aslName;
    }

    Operand operand() {
        return operand;
    }

    static Optional<ChoiceOperator> fromAslName(String name) {
        for (ChoiceOperator operator : values()) {
            if (operator.aslName.equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
