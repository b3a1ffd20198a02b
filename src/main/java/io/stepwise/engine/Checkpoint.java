package io.stepwise.engine;

import io.stepwise.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a step must remember to resume the interpreter on any replica: its frame (machine path and
 * variables), the id its lineage's next history event will have (AWS quotes event ids in causes), and
 * the pending outcome it waits on. Stored as the step's {@code state_data}.
 */
public record Checkpoint(MachinePath path, Map<String, JsonNode> variables, long events, Outcome pending,
        boolean frameStart) {

    public Checkpoint {
        variables = Map.copyOf(variables);
    }

    public Checkpoint(MachinePath path, Map<String, JsonNode> variables, long events, Outcome pending) {
        this(path, variables, events, pending, false);
    }

    /** A branch's or iteration's first step: it starts its frame ({@link Interpreter#start}). */
    public static Checkpoint frameStart(MachinePath path, Map<String, JsonNode> variables, long events) {
        return new Checkpoint(path, variables, events, null, true);
    }

    /** A new execution: its first recorded event is id 2, after the derived ExecutionStarted. */
    public static Checkpoint start() {
        return new Checkpoint(MachinePath.TOP, Map.of(), 2, null);
    }

    public JsonNode toJson() {
        ObjectNode json = Json.NODES.objectNode();
        if (!path.elements().isEmpty()) {
            ArrayNode elements = json.putArray("path");
            path.elements().forEach(e -> elements.addArray().add(e.state()).add(e.branch()).add(e.index())
                    .add(e.visit()).add(e.attempt()).add(e.iteration()));
        }
        if (!variables.isEmpty()) {
            ObjectNode vars = json.putObject("vars");
            variables.forEach(vars::set);
        }
        json.put("events", events);
        if (frameStart) {
            json.put("start", true);
        }
        switch (pending) {
            case null -> { }
            case Outcome.RunTask t -> {
                ObjectNode task = json.putObject("task");
                task.set("stateInput", t.stateInput());
                task.set("taskInput", t.taskInput());
                task.put("resource", t.resource());
                putLong(task, "timeoutSeconds", t.timeoutSeconds());
                putLong(task, "heartbeatSeconds", t.heartbeatSeconds());
                putRetries(task, t.retries());
                task.put("enteredTime", t.enteredTime().toString());
                task.put("visit", t.visit());
            }
            case Outcome.Wait w -> json.putObject("wait").set("output", w.output());
            case Outcome.FanOut f -> {
                ObjectNode fan = json.putObject("fanOut");
                fan.set("stateInput", f.stateInput());
                fan.put("children", f.children().size());
                fan.put("maxConcurrency", f.maxConcurrency());
                if (f.tolerance().count() != null) {
                    fan.put("toleratedCount", f.tolerance().count());
                }
                if (f.tolerance().percentage() != null) {
                    fan.put("toleratedPercentage", f.tolerance().percentage());
                }
                putRetries(fan, f.retries());
                fan.put("enteredTime", f.enteredTime().toString());
                fan.put("visit", f.visit());
            }
            default -> throw new IllegalArgumentException("not a resumable outcome: " + pending);
        }
        return json;
    }

    /** @param stateName the step's state; {@code input} its input column */
    public static Checkpoint fromJson(JsonNode json, String stateName) {
        if (json == null || json.isNull()) {
            return start();
        }
        List<MachinePath.Element> elements = new ArrayList<>();
        // older rows hold [state, branch] only: their item index reads as the branch, visit and attempt as 0
        json.path("path").forEach(e -> elements.add(new MachinePath.Element(e.get(0).asString(), e.get(1).asInt(),
                e.path(2).asInt(e.get(1).asInt()), e.path(3).asLong(0), e.path(4).asInt(0),
                e.path(5).asBoolean(false))));
        Map<String, JsonNode> variables = new HashMap<>();
        json.path("vars").properties().forEach(e -> variables.put(e.getKey(), e.getValue()));
        Outcome pending = null;
        if (json.has("task")) {
            JsonNode t = json.get("task");
            pending = new Outcome.RunTask(stateName, t.get("stateInput"), t.get("taskInput"), t.get("resource").asString(),
                    getLong(t, "timeoutSeconds"), getLong(t, "heartbeatSeconds"), retries(t), null,
                    Instant.parse(t.get("enteredTime").asString()), t.path("visit").asLong(0), variables);
        } else if (json.has("wait")) {
            pending = new Outcome.Wait(stateName, null, json.get("wait").get("output"), variables);
        } else if (json.has("fanOut")) {
            JsonNode f = json.get("fanOut");
            Integer count = f.has("toleratedCount") ? Integer.valueOf(f.get("toleratedCount").asInt()) : null;
            Double percentage = f.has("toleratedPercentage") ? Double.valueOf(f.get("toleratedPercentage").asDouble())
                    : null;
            List<Outcome.Child> children = new ArrayList<>();
            for (int i = 0; i < f.get("children").asInt(); i++) {
                children.add(new Outcome.Child(i, null, null));
            }
            pending = new Outcome.FanOut(stateName, f.get("stateInput"), children, f.path("maxConcurrency").asInt(0),
                    new Outcome.Tolerance(count, percentage), retries(f), null,
                    Instant.parse(f.get("enteredTime").asString()), f.path("visit").asLong(0), variables);
        }
        return new Checkpoint(new MachinePath(elements), variables, json.path("events").asLong(2), pending,
                json.path("start").asBoolean(false));
    }

    private static void putLong(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static Long getLong(JsonNode node, String field) {
        return node.has(field) ? Long.valueOf(node.get(field).asLong()) : null;
    }

    private static void putRetries(ObjectNode node, RetryState retries) {
        ArrayNode counts = node.putArray("retries");
        for (int count : retries.counts()) {
            counts.add(count);
        }
    }

    private static RetryState retries(JsonNode node) {
        JsonNode counts = node.path("retries");
        int[] values = new int[counts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(i).asInt();
        }
        return new RetryState(values);
    }
}
