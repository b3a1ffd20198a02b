package io.stepwise.asl.validation;

import tools.jackson.databind.JsonNode;

/** Value-shape questions the checks ask about arbitrary (possibly ill-typed) JSON. */
final class Json {

    private Json() {
    }

    static boolean isString(JsonNode node) {
        return node != null && node.isString();
    }

    /** Integral in value, as AWS accepts 5.0 where an integer is due. */
    static boolean isInteger(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return true;
        }
        double value = node.doubleValue();
        return !Double.isInfinite(value) && value == Math.rint(value);
    }

    /** The integer value of a node already known to satisfy {@link #isInteger}, clamped to long. */
    static long longValue(JsonNode node) {
        if (node.isIntegralNumber() && !node.canConvertToLong()) {
            return node.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return node.isIntegralNumber() ? node.longValue() : (long) node.doubleValue();
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNumber() ? "a number" : "an unsupported value";
    }
}
