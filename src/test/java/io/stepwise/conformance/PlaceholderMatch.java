package io.stepwise.conformance;

import io.stepwise.asl.Json;
import io.stepwise.asl.jsonpath.JsonValues;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Compares an expected value that may hold the recorder's placeholders with an actual one. The
 * recorder replaced ids, ARNs, dates and regions in AWS's values by tokens like {@code <uuid:1>},
 * {@code <region>} or {@code "date"}; a replayed task hands those tokens on, so most values still match
 * exactly, but a value our interpreter makes itself (an execution ARN in {@code $$}, a UUID) cannot. A
 * string that is only a token matches any scalar; a string with tokens inside matches any string of
 * that shape. Two strings that are both JSON object or array texts (a Lambda error's cause, whose
 * spacing the corpus lost by parsing it) match when they hold the same JSON. Everything else must be
 * equal.
 */
final class PlaceholderMatch {

    private static final Pattern TOKEN = Pattern.compile("<[^<>\\s]+>");

    private PlaceholderMatch() {
    }

    static boolean hasPlaceholder(JsonNode expected) {
        if (expected == null) {
            return false;
        }
        if (expected.isString()) {
            return TOKEN.matcher(expected.asString()).find() || "date".equals(expected.asString());
        }
        for (JsonNode child : expected) {
            if (hasPlaceholder(child)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        JsonNode expectedJson = jsonText(expected);
        JsonNode actualJson = jsonText(actual);
        if (expectedJson != null && actualJson != null) {
            return matches(expectedJson, actualJson);
        }
        if (expected.isString() && hasPlaceholder(expected)) {
            String text = expected.asString();
            if ("date".equals(text) || TOKEN.matcher(text).matches()) {
                return actual.isValueNode();
            }
            return actual.isString() && shape(text).matcher(actual.asString()).matches();
        }
        if (expected.isObject()) {
            if (!actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!matches(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            Iterator<JsonNode> actuals = actual.iterator();
            for (JsonNode item : expected) {
                if (!matches(item, actuals.next())) {
                    return false;
                }
            }
            return true;
        }
        return JsonValues.sameValue(expected, actual);
    }

    /** The JSON object or array a string holds as text, or null. */
    private static JsonNode jsonText(JsonNode value) {
        if (!value.isString() || !value.asString().strip().matches("(?s)^[\\[{].*[\\]}]$")) {
            return null;
        }
        try {
            return Json.parse(value.asString());
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static Pattern shape(String text) {
        StringBuilder regex = new StringBuilder();
        Matcher tokens = TOKEN.matcher(text);
        int last = 0;
        while (tokens.find()) {
            regex.append(Pattern.quote(text.substring(last, tokens.start()))).append(".*");
            last = tokens.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(text.substring(last))).toString(), Pattern.DOTALL);
    }
}
