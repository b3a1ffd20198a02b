package io.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between Jackson trees and the plain Java values dashjoin JSONata works on.
 *
 * <p>dashjoin distinguishes JSONata's two "nothing" values: Java {@code null} is <em>undefined</em>
 * (no match) and {@link Jsonata#NULL_VALUE} is JSON {@code null}. The evaluator turns off dashjoin's
 * output null conversion so the two stay apart, which is what lets AWS's "returned nothing
 * (undefined)" error be told from a legitimate {@code null} result.
 *
 * <p>Numbers follow JSONata's model, which is JavaScript's: one double type. Results therefore print
 * the way AWS prints them: an integral value is an integer ({@code 1.0 -> 1}, {@code -0 -> 0}), and
 * only a fractional value is a decimal.
 */
public final class JsonataValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** JavaScript prints integral doubles from 1e21 on in exponent notation; below that, as integers. */
    private static final double LARGEST_PLAIN_INTEGER = 1e21;

    private JsonataValues() {
    }

    /** A Jackson value as JSONata input; a missing node (or Java null) becomes undefined. */
    public static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case NULL -> Jsonata.NULL_VALUE;
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.stringValue();
            case NUMBER -> toJsonataNumber(node);
            case ARRAY -> toJsonataList(node);
            case OBJECT -> toJsonataMap(node);
            case BINARY, POJO, MISSING -> throw new IllegalArgumentException(
                    "not a JSON value: " + node.getNodeType());
        };
    }

    private static Object toJsonataNumber(JsonNode node) {
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            // kept exact so a large id passed through an expression is not rounded
            return node.bigIntegerValue();
        }
        return node.doubleValue();
    }

    private static List<Object> toJsonataList(JsonNode array) {
        List<Object> list = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            list.add(toJsonata(element));
        }
        return list;
    }

    private static Map<String, Object> toJsonataMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            map.put(field.getKey(), toJsonata(field.getValue()));
        }
        return map;
    }

    /**
     * A JSONata result as a Jackson value. Undefined (Java null) at the top is the caller's business;
     * inside an object it drops the field and inside an array it becomes null, as JSON.stringify does.
     *
     * @throws UnsupportedResultException for functions, regexes and anything else JSON cannot hold
     */
    public static JsonNode fromJsonata(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof String string) {
            return NODES.stringNode(string);
        }
        if (value instanceof Number number) {
            return numberNode(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (field.getValue() != null) {
                    object.set(String.valueOf(field.getKey()), fromJsonata(field.getValue()));
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                array.add(fromJsonata(element));
            }
            return array;
        }
        throw new UnsupportedResultException(value.getClass().getName());
    }

    /** A number the way JSONata (JavaScript) would print it. */
    public static JsonNode numberNode(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return NODES.numberNode(number.intValue());
        }
        if (number instanceof Long longValue) {
            return integralNode(BigInteger.valueOf(longValue));
        }
        if (number instanceof BigInteger bigInteger) {
            return integralNode(bigInteger);
        }
        double value = number.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new UnsupportedResultException("non-finite number " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            return integralNode(new BigDecimal(value).toBigIntegerExact());
        }
        return NODES.numberNode(value);
    }

    /** The narrowest node, so results compare equal to the same JSON text parsed by Jackson. */
    private static JsonNode integralNode(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return NODES.numberNode(value.intValue());
        }
        if (value.bitLength() < Long.SIZE) {
            return NODES.numberNode(value.longValue());
        }
        return NODES.numberNode(value);
    }

    /** A value JSON cannot represent, such as a function; AWS calls it an unsupported result type. */
    public static final class UnsupportedResultException extends RuntimeException {
        UnsupportedResultException(String what) {
            super(what, null, false, false);
        }
    }
}
