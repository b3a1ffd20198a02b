package io.stepwise.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Where a state sits in a definition: inside which Parallel branches and Map item processors. */
final class StatePaths {

    /** Names the step into a sub-machine: {@code branch} is the Parallel branch, null for a Map. */
    interface Label {
        String of(String containerName, JsonNode container, Integer branch);
    }

    private StatePaths() {
    }

    /** The state's JSON, at any depth; null when no state has that name. */
    static JsonNode find(JsonNode machine, String name) {
        List<JsonNode> found = new ArrayList<>();
        walk(machine, name, (containerName, container, branch) -> "", new ArrayList<>(), found);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Outer states first, each followed by its label, ending with the state; null when not found. */
    static List<String> path(JsonNode machine, String name, Label label) {
        List<String> path = new ArrayList<>();
        return walk(machine, name, label, path, new ArrayList<>()) ? path : null;
    }

    private static boolean walk(JsonNode machine, String name, Label label, List<String> path, List<JsonNode> found) {
        JsonNode states = machine.path("States");
        if (states.has(name)) {
            path.add(name);
            found.add(states.get(name));
            return true;
        }
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            JsonNode state = entry.getValue();
            String type = state.path("Type").asString("");
            if (type.equals("Parallel")) {
                JsonNode branches = state.path("Branches");
                for (int b = 0; b < branches.size(); b++) {
                    if (descend(branches.get(b), name, label, path, found, entry.getKey(), state, b)) {
                        return true;
                    }
                }
            } else if (type.equals("Map")) {
                JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
                if (processor != null && descend(processor, name, label, path, found, entry.getKey(), state, null)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean descend(JsonNode sub, String name, Label label, List<String> path, List<JsonNode> found,
            String containerName, JsonNode container, Integer branch) {
        int mark = path.size();
        path.add(containerName);
        path.add(null); // the label is computed only once the state is known to be inside
        if (walk(sub, name, label, path, found)) {
            path.set(mark + 1, label.of(containerName, container, branch));
            return true;
        }
        path.subList(mark, path.size()).clear();
        return false;
    }

    /** A JSONPath of plain field steps ({@code $}, {@code $.a.b}); null for anything else or a missing field. */
    static JsonNode simplePath(JsonNode value, String path) {
        if (value == null || !path.startsWith("$")) {
            return null;
        }
        if (path.equals("$")) {
            return value;
        }
        if (!path.matches("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
            return null;
        }
        JsonNode at = value;
        for (String field : path.substring(2).split("\\.")) {
            at = at.get(field);
            if (at == null) {
                return null;
            }
        }
        return at;
    }
}
