package io.stepwise.asl.jsonpath;

import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON helpers the path, template and intrinsic code share. */
public final class JsonValues {

    /** One configured mapper: parsing and compact rendering must agree everywhere (error causes included). */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonValues() {
    }

    /**
     * JSON equality where numbers compare by value: Jackson's own equals tells 1 (an int) from 1.0 (a
     * double) and from 1 read as a long, which JSON does not.
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> entries = a.properties().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode other = b.get(entry.getKey());
                if (other == null || !sameValue(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Compact JSON text, as AWS quotes values in its error causes. */
    public static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
