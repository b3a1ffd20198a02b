package io.stepwise.store;

import io.stepwise.asl.Json;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a history row stores its events: one array element per event (so {@code json_array_length}
 * still counts events), each event flattened and with what the row already says left out.
 *
 * <p>An event {@code {"type": T, "details": {...}}} is stored as {@code {"t": T, ...details}}; a task
 * event's {@code resourceType} is left out when it is {@code "stepwise"}, and its {@code resource}
 * when it repeats the previous task event's of the same row. A one-Task run's five events take 225
 * bytes instead of 441: writing history was the largest share of the JSON a worker writes, and
 * PostgreSQL checks every byte of a json value it stores (7 instead of 15 µs per row measured for the
 * insert alone). Rows written before this format (elements with {@code "type"}) are read as they are.
 */
public final class HistoryFormat {

    private static final String RESOURCE = "resource";
    private static final String RESOURCE_TYPE = "resourceType";
    private static final String OWN_RESOURCE_TYPE = "stepwise";
    /** The events whose details begin with resource and resourceType (HistoryRecorder's task events). */
    private static final Set<String> TASK_EVENTS = Set.of("TaskScheduled", "TaskStarted", "TaskSucceeded",
            "TaskFailed", "TaskTimedOut");

    private HistoryFormat() {
    }

    /** @param events events as the recorder makes them: {@code {"type": ..., "details": {...}}} */
    public static JsonText write(Iterable<? extends JsonNode> events) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartArray();
            String lastResource = null;
            for (JsonNode event : events) {
                String type = event.get("type").asString();
                if (!compactable(type, event.get("details"))) {
                    g.writeTree(event); // read back as it is
                    continue;
                }
                g.writeStartObject();
                g.writeStringProperty("t", type);
                boolean task = TASK_EVENTS.contains(type);
                for (Map.Entry<String, JsonNode> field : event.get("details").properties()) {
                    String name = field.getKey();
                    JsonNode value = field.getValue();
                    if (task && name.equals(RESOURCE_TYPE) && value.asString().equals(OWN_RESOURCE_TYPE)) {
                        continue;
                    }
                    if (task && name.equals(RESOURCE)) {
                        if (value.asString().equals(lastResource)) {
                            continue;
                        }
                        lastResource = value.asString();
                    }
                    g.writeName(name);
                    g.writeTree(value);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return new JsonText(out.toString());
    }

    /** Whether {@link #read} can restore the event exactly from its compact form. */
    private static boolean compactable(String type, JsonNode details) {
        if (details == null || !details.isObject() || details.has("t") || details.has("type")) {
            return false;
        }
        return !TASK_EVENTS.contains(type) || details.path(RESOURCE).isString() && details.path(RESOURCE_TYPE).isString();
    }

    /** @return the row's events as the recorder made them, whichever format the row was written in */
    static ArrayNode read(JsonNode row) {
        ArrayNode events = Json.NODES.arrayNode(row.size());
        String lastResource = null;
        for (JsonNode stored : row) {
            if (stored.has("type")) {
                events.add(stored);
                continue;
            }
            String type = stored.get("t").asString();
            ObjectNode details = Json.NODES.objectNode();
            if (TASK_EVENTS.contains(type)) {
                JsonNode resource = stored.get(RESOURCE);
                lastResource = resource != null ? resource.asString() : lastResource;
                details.put(RESOURCE, lastResource);
                details.put(RESOURCE_TYPE, stored.has(RESOURCE_TYPE) ? stored.get(RESOURCE_TYPE).asString()
                        : OWN_RESOURCE_TYPE);
            }
            for (Map.Entry<String, JsonNode> field : stored.properties()) {
                if (!field.getKey().equals("t") && !details.has(field.getKey())) {
                    details.set(field.getKey(), field.getValue());
                }
            }
            ObjectNode event = Json.NODES.objectNode().put("type", type);
            event.set("details", details);
            events.add(event);
        }
        return events;
    }
}
