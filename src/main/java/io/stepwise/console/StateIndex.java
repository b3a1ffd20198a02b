package io.stepwise.console;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Every state of a definition by name, at any depth (inside Parallel branches and Map item processors). */
record StateIndex(Map<String, JsonNode> states) {

    static StateIndex of(JsonNode definition) {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        collect(definition, states);
        return new StateIndex(states);
    }

    private static void collect(JsonNode machine, Map<String, JsonNode> into) {
        for (Map.Entry<String, JsonNode> entry : machine.path("States").properties()) {
            JsonNode state = entry.getValue();
            into.putIfAbsent(entry.getKey(), state);
            state.path("Branches").forEach(branch -> collect(branch, into));
            if (state.has("ItemProcessor") || state.has("Iterator")) {
                collect(state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator"), into);
            }
        }
    }
}
