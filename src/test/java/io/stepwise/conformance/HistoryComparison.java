package io.stepwise.conformance;

import io.stepwise.asl.Json;
import io.stepwise.asl.jsonpath.JsonValues;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compares two histories of one execution event by event: type and details, ids and times aside. Where
 * Parallel branches or Map iterations ran, the durable engine runs them concurrently and their events
 * interleave in another order than the in-process runner's (one after another), so there each event
 * must have an equal partner anywhere in the other history; elsewhere the order must match too.
 */
final class HistoryComparison {

    private HistoryComparison() {
    }

    /** Each difference as a line; empty when the histories agree. */
    static List<String> differences(List<? extends JsonNode> local, List<? extends JsonNode> durable) {
        List<JsonNode> a = local.stream().map(HistoryComparison::comparable).toList();
        List<JsonNode> b = durable.stream().map(HistoryComparison::comparable).toList();
        boolean concurrent = a.stream().anyMatch(e -> e.path("type").asString().matches("(Map|Parallel)StateStarted"));
        List<String> differences = new ArrayList<>();
        if (!concurrent) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                JsonNode x = i < a.size() ? a.get(i) : null;
                JsonNode y = i < b.size() ? b.get(i) : null;
                if (x == null || y == null || !JsonValues.sameValue(x, y)) {
                    differences.add("event " + (i + 1) + ": in-process " + x + ", durable " + y);
                }
            }
            return differences;
        }
        List<JsonNode> unmatched = new ArrayList<>(b);
        for (JsonNode x : a) {
            int partner = indexOf(unmatched, x);
            if (partner < 0) {
                differences.add("only in-process: " + x);
            } else {
                unmatched.remove(partner);
            }
        }
        unmatched.forEach(y -> differences.add("only durable: " + y));
        return differences;
    }

    private static int indexOf(List<JsonNode> events, JsonNode wanted) {
        for (int i = 0; i < events.size(); i++) {
            if (JsonValues.sameValue(events.get(i), wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode comparable(JsonNode event) {
        var node = Json.NODES.objectNode().put("type", event.path("type").asString());
        node.set("details", event.path("details"));
        return node;
    }
}
