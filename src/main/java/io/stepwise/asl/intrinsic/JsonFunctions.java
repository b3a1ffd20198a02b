package io.stepwise.asl.intrinsic;

import io.stepwise.asl.jsonpath.JsonValues;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** States.StringToJson, JsonToString and JsonMerge. */
final class JsonFunctions {

    private JsonFunctions() {
    }

    /** A blank string parses to null, as on AWS. */
    static JsonNode stringToJson(Args args) {
        String text = args.string(0);
        if (text.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JsonValues.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw args.invalid();
        }
    }

    static JsonNode jsonToString(Args args) {
        return JsonNodeFactory.instance.stringNode(JsonValues.compact(args.any(0)));
    }

    /** Shallow merge, the second object winning; AWS rejects deep merging (third argument true). */
    static JsonNode merge(Args args) {
        JsonNode first = args.object(0);
        JsonNode second = args.object(1);
        if (args.bool(2)) {
            throw args.invalid();
        }
        ObjectNode merged = ((ObjectNode) first).deepCopy();
        second.properties().forEach(entry -> merged.set(entry.getKey(), entry.getValue().deepCopy()));
        return merged;
    }
}
