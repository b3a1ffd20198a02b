package io.stepwise.asl.jsonpath;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Walks parsed segments over a JSON tree. Never modifies the tree; results share its nodes. */
final class PathEvaluator {

    private PathEvaluator() {
    }

    /**
     * A definite path: one value, or the reason it is missing in Jayway's words, because AWS puts
     * those words in its causes ("Missing property in path $['no']").
     */
    static PathResult definite(JsonNode start, List<Segment> segments) {
        JsonNode current = start;
        StringBuilder walked = new StringBuilder("$");
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean leaf = i == segments.size() - 1;
            switch (segment) {
                case Segment.Property property -> {
                    if (!current.isObject()) {
                        return notAnObject(segment, walked, current);
                    }
                    walked.append(segment.normalized());
                    JsonNode next = current.get(property.name());
                    if (next == null) {
                        return new PathResult.Missing(leaf
                                ? "No results for path: " + normalized(segments)
                                : "Missing property in path " + walked);
                    }
                    current = next;
                }
                case Segment.Index index -> {
                    if (!current.isArray()) {
                        return new PathResult.Missing(current.isNull()
                                ? "The path " + walked + " is null"
                                : "Filter: " + segment.normalized() + " can only be applied to arrays. Current context is: "
                                        + JsonValues.compact(current));
                    }
                    int position = index.index() < 0 ? current.size() + index.index() : index.index();
                    if (position < 0 || position >= current.size()) {
                        return new PathResult.Missing("No results for path: " + normalized(segments));
                    }
                    walked.append(segment.normalized());
                    current = current.get(position);
                }
                case Segment.Properties properties when leaf -> {
                    if (!current.isObject()) {
                        return notAnObject(segment, walked, current);
                    }
                    ObjectNode merged = JsonNodeFactory.instance.objectNode();
                    for (String name : properties.names()) {
                        JsonNode value = current.get(name);
                        if (value != null) {
                            merged.set(name, value);
                        }
                    }
                    current = merged;
                }
                default -> throw new IllegalArgumentException("not a definite segment: " + segment.normalized());
            }
        }
        return new PathResult.Found(current);
    }

    /** An indefinite path: every match, in document order; misses along the way are skipped. */
    static ArrayNode all(JsonNode start, List<Segment> segments, JsonNode documentRoot) {
        List<JsonNode> current = List.of(start);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                select(segment, node, documentRoot, next);
            }
            current = next;
        }
        ArrayNode matches = JsonNodeFactory.instance.arrayNode(current.size());
        current.forEach(matches::add);
        return matches;
    }

    private static void select(Segment segment, JsonNode node, JsonNode documentRoot, List<JsonNode> out) {
        switch (segment) {
            case Segment.Property property -> {
                if (node.isObject() && node.get(property.name()) != null) {
                    out.add(node.get(property.name()));
                }
            }
            case Segment.Properties properties -> {
                if (node.isObject()) {
                    for (String name : properties.names()) {
                        if (node.get(name) != null) {
                            out.add(node.get(name));
                        }
                    }
                }
            }
            case Segment.Index index -> addIndex(node, index.index(), out);
            case Segment.Indexes indexes -> indexes.indexes().forEach(i -> addIndex(node, i, out));
            case Segment.Slice slice -> addSlice(node, slice, out);
            case Segment.Wildcard wildcard -> {
                if (node.isObject() || node.isArray()) {
                    out.addAll(node.values());
                }
            }
            case Segment.Descendants descendants -> descend(node, descendants.selector(), documentRoot, out);
            case Segment.Filter filter -> {
                if (node.isArray()) {
                    for (JsonNode element : node.values()) {
                        if (filter.expression().test(element, documentRoot)) {
                            out.add(element);
                        }
                    }
                } else if (node.isObject() && filter.expression().test(node, documentRoot)) {
                    out.add(node);
                }
            }
        }
    }

    private static void descend(JsonNode node, Segment selector, JsonNode documentRoot, List<JsonNode> out) {
        select(selector, node, documentRoot, out);
        if (node.isObject() || node.isArray()) {
            for (JsonNode child : node.values()) {
                descend(child, selector, documentRoot, out);
            }
        }
    }

    private static void addIndex(JsonNode node, int index, List<JsonNode> out) {
        if (!node.isArray()) {
            return;
        }
        int position = index < 0 ? node.size() + index : index;
        if (position >= 0 && position < node.size()) {
            out.add(node.get(position));
        }
    }

    private static void addSlice(JsonNode node, Segment.Slice slice, List<JsonNode> out) {
        if (!node.isArray()) {
            return;
        }
        int size = node.size();
        int step = slice.step() == null ? 1 : slice.step();
        if (step > 0) {
            int from = bound(slice.start(), 0, size);
            int to = bound(slice.end(), size, size);
            for (int i = from; i < to; i += step) {
                out.add(node.get(i));
            }
        } else {
            int from = slice.start() == null ? size - 1 : Math.min(bound(slice.start(), 0, size), size - 1);
            int to = slice.end() == null ? -1 : bound(slice.end(), 0, size);
            for (int i = from; i > to; i += step) {
                out.add(node.get(i));
            }
        }
    }

    private static int bound(Integer value, int absent, int size) {
        if (value == null) {
            return absent;
        }
        int resolved = value < 0 ? size + value : value;
        return Math.max(0, Math.min(resolved, size));
    }

    private static PathResult notAnObject(Segment segment, CharSequence walked, JsonNode found) {
        return new PathResult.Missing("Expected to find an object with property " + segment.normalized()
                + " in path " + walked + " but found '" + JsonValues.compact(found) + "'");
    }

    static String normalized(List<Segment> segments) {
        StringBuilder text = new StringBuilder("$");
        segments.forEach(s -> text.append(s.normalized()));
        return text.toString();
    }
}
