package io.stepwise.asl.payload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.intrinsic.IntrinsicCall;
import io.stepwise.asl.intrinsic.IntrinsicEvaluator;
import io.stepwise.asl.intrinsic.IntrinsicParser;
import io.stepwise.asl.intrinsic.IntrinsicSyntaxException;
import io.stepwise.asl.jsonpath.JsonPath;
import io.stepwise.asl.jsonpath.JsonPathSyntaxException;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.asl.jsonpath.PathResult;
import io.stepwise.asl.jsonpath.PathRoots;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Payload Template (Parameters, ResultSelector, ItemSelector in the JSONPath dialect): a field
 * whose name ends in {@code .$} takes the value of its path ({@code $.a}, {@code $$.Execution.Id},
 * {@code $var.field}) or intrinsic call, under the name without the suffix; objects and arrays
 * recurse; everything else is copied as written.
 *
 * <p>Compile once per definition ({@link #compile}: paths and calls are parsed there) and
 * {@link #apply} per execution. Instances are immutable and thread-safe.
 */
public final class PayloadTemplate {

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * @throws IllegalArgumentException when a {@code .$} field's value is not a string, is not a
     *     valid path or call, or two fields have the same name once the suffix is dropped
     */
    public static PayloadTemplate compile(JsonNode template) {
        return new PayloadTemplate(compileNode(template));
    }

    /**
     * @return a new tree; values taken from the roots are shared with them, so treat it as read-only
     * @throws StatesError States.Runtime when a path matches nothing (cause as on AWS: "The JSONPath
     *     '$.x' specified for the field 'x.$' could not be found in the input '{...}'"), or from an
     *     intrinsic call
     */
    public JsonNode apply(PathRoots roots, IntrinsicEvaluator intrinsics) {
        return root.build(roots, intrinsics);
    }

    private sealed interface Node {
        JsonNode build(PathRoots roots, IntrinsicEvaluator intrinsics);
    }

    private record Constant(JsonNode value) implements Node {
        public JsonNode build(PathRoots roots, IntrinsicEvaluator intrinsics) {
            return value.deepCopy();
        }
    }

    private record Field(String name, Node value) {
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
        public JsonNode build(PathRoots roots, IntrinsicEvaluator intrinsics) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (Field field : fields) {
                object.set(field.name(), field.value().build(roots, intrinsics));
            }
            return object;
        }
    }

    private record ArrayTemplate(List<Node> items) implements Node {
        public JsonNode build(PathRoots roots, IntrinsicEvaluator intrinsics) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(items.size());
            items.forEach(item -> array.add(item.build(roots, intrinsics)));
            return array;
        }
    }

    private record PathValue(JsonPath path, String fieldKey) implements Node {
        public JsonNode build(PathRoots roots, IntrinsicEvaluator intrinsics) {
            return switch (path.evaluate(roots)) {
                case PathResult.Found found -> found.value();
                case PathResult.Missing missing -> throw new StatesError(ErrorNames.RUNTIME,
                        "The JSONPath '" + path.text() + "' specified for the field '" + fieldKey
                                + "' could not be found in the input '" + JsonValues.compact(roots.input()) + "'");
            };
        }
    }

    private record CallValue(IntrinsicCall call) implements Node {
        public JsonNode build(PathRoots roots, IntrinsicEvaluator intrinsics) {
            return intrinsics.evaluate(call, roots);
        }
    }

    private static Node compileNode(JsonNode template) {
        if (template.isObject()) {
            List<Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Iterator<Map.Entry<String, JsonNode>> entries = template.properties().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String key = entry.getKey();
                boolean dynamic = key.endsWith(".$");
                String name = dynamic ? key.substring(0, key.length() - 2) : key;
                if (!names.add(name)) {
                    throw new IllegalArgumentException("The field '" + name + "' appears twice once '.$' is dropped");
                }
                fields.add(new Field(name, dynamic ? compileDynamic(key, entry.getValue()) : compileNode(entry.getValue())));
            }
            return new ObjectTemplate(List.copyOf(fields));
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            template.values().forEach(item -> items.add(compileNode(item)));
            return new ArrayTemplate(List.copyOf(items));
        }
        return new Constant(template);
    }

    private static Node compileDynamic(String key, JsonNode value) {
        if (!value.isString()) {
            throw new IllegalArgumentException("The value for the field '" + key + "' must be a JSONPath or an intrinsic function call");
        }
        String text = value.stringValue();
        try {
            if (IntrinsicParser.looksLikeCall(text)) {
                return new CallValue(IntrinsicParser.parse(text.strip()));
            }
            return new PathValue(JsonPath.parse(text), key);
        } catch (JsonPathSyntaxException | IntrinsicSyntaxException e) {
            throw new IllegalArgumentException("The value for the field '" + key
                    + "' must be a valid JSONPath or a valid intrinsic function call: " + e.getMessage(), e);
        }
    }
}
