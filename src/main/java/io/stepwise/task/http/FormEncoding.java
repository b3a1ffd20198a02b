package io.stepwise.task.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * {@code application/x-www-form-urlencoded} text of a JSON object, for a URL_ENCODED request body and
 * for QueryParameters. Nested objects become {@code key[inner]=value}; arrays follow the
 * {@link ArrayFormat}; null is an empty value. Keys and values are percent-encoded whole, brackets
 * included ({@code %5B}, {@code %5D}), as a URI's query may not hold them raw.
 */
final class FormEncoding {

    private FormEncoding() {
    }

    static String encode(JsonNode object, ArrayFormat arrays) {
        StringJoiner pairs = new StringJoiner("&");
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            add(pairs, field.getKey(), field.getValue(), arrays);
        }
        return pairs.toString();
    }

    private static void add(StringJoiner pairs, String key, JsonNode value, ArrayFormat arrays) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                add(pairs, key + "[" + field.getKey() + "]", field.getValue(), arrays);
            }
        } else if (value.isArray()) {
            if (arrays == ArrayFormat.COMMAS && value.valueStream().allMatch(JsonNode::isValueNode)) {
                StringJoiner joined = new StringJoiner(",");
                value.valueStream().forEach(item -> joined.add(text(item)));
                pairs.add(encoded(key) + "=" + encoded(joined.toString()));
                return;
            }
            int index = 0;
            for (JsonNode item : value) {
                String itemKey = switch (arrays) {
                    case INDICES -> key + "[" + index + "]";
                    case BRACKETS -> key + "[]";
                    case REPEAT, COMMAS -> key;
                };
                add(pairs, itemKey, item, arrays);
                index++;
            }
        } else {
            pairs.add(encoded(key) + "=" + encoded(text(value)));
        }
    }

    /** A scalar as text: strings without quotes, numbers and booleans as written, null as nothing. */
    static String text(JsonNode scalar) {
        return scalar.isNull() ? "" : scalar.isString() ? scalar.stringValue() : scalar.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
