package io.stepwise.engine;

import io.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects the AWS history events of one in-line run, in order, so the store writes them as one row.
 * Timestamps are added by the store at commit time; an in-line run happens within one transaction.
 */
public final class HistoryRecorder {

    private final List<ObjectNode> events = new ArrayList<>();

    public void entered(String type, String stateName, JsonNode input) {
        ObjectNode details = Json.NODES.objectNode().put("name", stateName);
        details.set("input", input);
        add(type, details);
    }

    public void exited(String type, String stateName, JsonNode output) {
        ObjectNode details = Json.NODES.objectNode().put("name", stateName);
        details.set("output", output);
        add(type, details);
    }

    public void add(String type, ObjectNode details) {
        ObjectNode event = Json.NODES.objectNode().put("type", type);
        event.set("details", details);
        events.add(event);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public ArrayNode toJson() {
        ArrayNode array = Json.NODES.arrayNode();
        events.forEach(array::add);
        return array;
    }
}
