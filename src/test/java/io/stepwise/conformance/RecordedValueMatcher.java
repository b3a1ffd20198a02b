package io.stepwise.conformance;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Compares a recorded AWS value with ours as JSON values (numbers by value, objects regardless of key
 * order). For a case the corpus marks {@code needs_normalisation}, the recorder's placeholders match
 * what they stand for: {@code <region>}, {@code <uuid:1>} and the like match any text in their place,
 * and a value a transformer replaced wholesale ({@code "date"} for a timestamp,
 * {@code transformed:X}) matches any string.
 */
final class RecordedValueMatcher {

    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    private final boolean loose;
    private final Set<String> wholeValues = new HashSet<>();

    RecordedValueMatcher(JsonNode needsNormalisation) {
        this.loose = needsNormalisation != null && !needsNormalisation.isEmpty();
        if (needsNormalisation != null) {
            for (JsonNode entry : needsNormalisation) {
                String text = entry.asString();
                if (text.equals("basic-transformer:date")) {
                    wholeValues.add("date");
                } else if (text.startsWith("transformed:")) {
                    wholeValues.add(text.substring("transformed:".length()));
                }
            }
        }
    }

    boolean matches(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (loose && expected.isString() && actual.isString()) {
            return text(expected.asString(), actual.asString());
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> entries = expected.properties().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!matches(entry.getValue(), actual.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private boolean text(String expected, String actual) {
        if (wholeValues.contains(expected)) {
            return true;
        }
        Matcher placeholders = PLACEHOLDER.matcher(expected);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (placeholders.find()) {
            regex.append(Pattern.quote(expected.substring(last, placeholders.start()))).append(".*?");
            last = placeholders.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }
}
