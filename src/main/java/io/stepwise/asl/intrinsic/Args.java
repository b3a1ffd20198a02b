package io.stepwise.asl.intrinsic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Typed access to evaluated arguments; a wrong type is "Invalid arguments in States.X". */
record Args(IntrinsicFunction function, List<JsonNode> values) {

    int size() {
        return values.size();
    }

    JsonNode any(int index) {
        return values.get(index);
    }

    String string(int index) {
        JsonNode value = values.get(index);
        if (!value.isString()) {
            throw invalid();
        }
        return value.stringValue();
    }

    JsonNode array(int index) {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw invalid();
        }
        return value;
    }

    JsonNode object(int index) {
        JsonNode value = values.get(index);
        if (!value.isObject()) {
            throw invalid();
        }
        return value;
    }

    boolean bool(int index) {
        JsonNode value = values.get(index);
        if (!value.isBoolean()) {
            throw invalid();
        }
        return value.booleanValue();
    }

    BigDecimal number(int index) {
        JsonNode value = values.get(index);
        if (!value.isNumber()) {
            throw invalid();
        }
        return value.decimalValue();
    }

    /** The fraction dropped, as AWS does for ArrayRange, ArrayPartition, ArrayGetItem and MathRandom. */
    int truncatedInt(int index) {
        return toInt(number(index).setScale(0, RoundingMode.DOWN));
    }

    /** Halves rounded up (-0.5 to 0, 1.5 to 2), as AWS does for MathAdd. */
    int roundedInt(int index) {
        return toInt(number(index).add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR));
    }

    private int toInt(BigDecimal whole) {
        try {
            return whole.intValueExact();
        } catch (ArithmeticException e) {
            throw invalid();
        }
    }

    RuntimeException invalid() {
        return IntrinsicFailures.invalidArguments(function);
    }
}
