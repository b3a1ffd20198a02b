package io.stepwise.asl.intrinsic;

import io.stepwise.asl.jsonpath.JsonValues;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
final class ArrayFunctions {

    /** AWS's documented cap on the array States.ArrayRange may build. */
    static final int MAX_RANGE_ITEMS = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArrayFunctions() {
    }

    static JsonNode array(Args args) {
        ArrayNode array = NODES.arrayNode(args.size());
        args.values().forEach(array::add);
        return array;
    }

    static JsonNode partition(Args args) {
        JsonNode array = args.array(0);
        int chunk = args.truncatedInt(1);
        if (chunk <= 0) {
            throw args.invalid();
        }
        ArrayNode chunks = NODES.arrayNode();
        ArrayNode current = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % chunk == 0) {
                current = chunks.addArray();
            }
            current.add(array.get(i));
        }
        return chunks;
    }

    static JsonNode contains(Args args) {
        JsonNode array = args.array(0);
        JsonNode wanted = args.any(1);
        return NODES.booleanNode(indexOf(array, wanted, array.size()) >= 0);
    }

    static JsonNode range(Args args) {
        int start = args.truncatedInt(0);
        int end = args.truncatedInt(1);
        int step = args.truncatedInt(2);
        if (step == 0) {
            throw args.invalid();
        }
        long count = (step > 0 ? end >= start : end <= start) ? ((long) end - start) / step + 1 : 0;
        if (count > MAX_RANGE_ITEMS) {
            throw args.invalid();
        }
        ArrayNode range = NODES.arrayNode((int) count);
        for (long i = 0, value = start; i < count; i++, value += step) {
            range.add((int) value);
        }
        return range;
    }

    static JsonNode getItem(Args args) {
        JsonNode array = args.array(0);
        int index = args.truncatedInt(1);
        if (index < 0 || index >= array.size()) {
            throw args.invalid();
        }
        return array.get(index);
    }

    static JsonNode length(Args args) {
        return NODES.numberNode(args.array(0).size());
    }

    static JsonNode unique(Args args) {
        JsonNode array = args.array(0);
        ArrayNode unique = NODES.arrayNode();
        for (int i = 0; i < array.size(); i++) {
            if (indexOf(array, array.get(i), i) < 0) {
                unique.add(array.get(i));
            }
        }
        return unique;
    }

    /** The first index below {@code limit} holding a value equal to {@code wanted} (numbers by value), or -1. */
    private static int indexOf(JsonNode array, JsonNode wanted, int limit) {
        for (int i = 0; i < limit; i++) {
            if (JsonValues.sameValue(array.get(i), wanted)) {
                return i;
            }
        }
        return -1;
    }
}
