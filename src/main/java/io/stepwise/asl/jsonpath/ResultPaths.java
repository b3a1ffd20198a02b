package io.stepwise.asl.jsonpath;

import java.util.List;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.StatesError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ResultPath: where a state's result goes in its output. {@code null} keeps the input and drops
 * the result, {@code $} makes the result the output, and {@code $.a.b} puts the result at
 * {@code a.b} of a copy of the input, creating missing objects on the way.
 */
public final class ResultPaths {

    private ResultPaths() {
    }

    /**
     * @param resultPath the field's value; {@code null} when the definition sets it to JSON null
     *     (an absent field means "$")
     * @return a new tree; {@code input} and {@code result} are not modified
     * @throws StatesError States.ResultPathMatchFailure when the path cannot be applied (it crosses
     *     a value that is not an object, or an index outside an array)
     * @throws IllegalArgumentException when the path is not a Reference Path on {@code $}, which
     *     validation should have rejected
     */
    public static JsonNode merge(String resultPath, JsonNode input, JsonNode result) {
        if (resultPath == null) {
            return input;
        }
        JsonPath path = JsonPath.parse(resultPath);
        if (path.root() != JsonPath.Root.INPUT || !path.isDefinite() || path.segments().stream()
                .anyMatch(s -> s instanceof Segment.Properties)) {
            throw new IllegalArgumentException("ResultPath must be a Reference Path on $: " + resultPath);
        }
        List<Segment> segments = path.segments();
        if (segments.isEmpty()) {
            return result;
        }
        JsonNode output = input.deepCopy();
        if (!setInPlace(output, segments, result)) {
            throw new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                    "Unable to apply ReferencePath " + resultPath + " to input " + JsonValues.compact(input));
        }
        return output;
    }

    /** Sets {@code value} at {@code segments} inside {@code root} (a private copy); false if impossible. */
    private static boolean setInPlace(JsonNode root, List<Segment> segments, JsonNode value) {
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            boolean leaf = i == segments.size() - 1;
            Segment segment = segments.get(i);
            if (segment instanceof Segment.Property property && node instanceof ObjectNode object) {
                JsonNode child = object.get(property.name());
                if (leaf) {
                    object.set(property.name(), value);
                } else if (child == null) {
                    node = object.putObject(property.name());
                } else {
                    node = child;
                }
            } else if (segment instanceof Segment.Index index && node instanceof ArrayNode array) {
                int position = index.index() < 0 ? array.size() + index.index() : index.index();
                if (position < 0 || position >= array.size()) {
                    return false;
                }
                if (leaf) {
                    array.set(position, value);
                } else {
                    node = array.get(position);
                }
            } else {
                return false;
            }
        }
        return true;
    }
}
