package io.stepwise.asl.intrinsic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;

import io.stepwise.asl.jsonpath.JsonValues;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** States.Format and States.StringSplit. */
final class StringFunctions {

    private StringFunctions() {
    }

    /**
     * @param template the template with its escapes as written ({@code \{} is a literal brace,
     *     {@code {}} a placeholder); a lone brace or a count mismatch is an invalid argument
     */
    static JsonNode format(Args args, String template) {
        List<JsonNode> values = args.values().subList(1, args.size());
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            char next = i + 1 < template.length() ? template.charAt(i + 1) : '\0';
            if (c == '\\' && "{}\\'".indexOf(next) >= 0 && next != '\0') {
                out.append(next);
                i++;
            } else if (c == '{' && next == '}') {
                if (used == values.size()) {
                    throw args.invalid();
                }
                out.append(render(values.get(used++)));
                i++;
            } else if (c == '{' || c == '}') {
                throw args.invalid();
            } else {
                out.append(c);
            }
        }
        if (used != values.size()) {
            throw args.invalid();
        }
        return JsonNodeFactory.instance.stringNode(out.toString());
    }

    /**
     * How AWS prints a value into a template: strings bare, objects as {@code {Arg1=1, Arg2=[]}} and
     * arrays as {@code [1, 2]} (Java's Map and List toString), other values as JSON.
     */
    static String render(JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.values().forEach(v -> parts.add(render(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                parts.add(entry.getKey() + "=" + render(entry.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return JsonValues.compact(value);
    }

    /**
     * Splits on any of the delimiter's characters and drops empty pieces, as AWS does:
     * {@code StringSplit(", , ,", ",")} is {@code [" ", " "]}.
     */
    static JsonNode split(Args args) {
        StringTokenizer tokens = new StringTokenizer(args.string(0), args.string(1));
        ArrayNode pieces = JsonNodeFactory.instance.arrayNode();
        while (tokens.hasMoreTokens()) {
            pieces.add(tokens.nextToken());
        }
        return pieces;
    }
}
