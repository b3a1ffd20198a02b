package io.stepwise.store;

import io.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The inputs of executions whose Parallel/Map children this replica runs, read and parsed once instead of
 * with every child. A Map's input holds all of its items; sent and parsed with each claimed iteration, it
 * made a Map of n items cost O(n²) (docs/performance.md, fan-out). An execution's input never changes, so
 * an entry cannot go stale; the least recently used go once the cached texts pass {@link #MAX_CHARS}.
 * The parsed input is shared by the children that use it, as it already was by the states of one run:
 * the engine never changes a node it was given (ResultPath and templates copy).
 */
@Component
class ExecutionInputs {

    static final long MAX_CHARS = 32L << 20;
    static final int MAX_ENTRIES = 1_024;

    private record Entry(JsonNode input, int chars) {
    }

    private final JdbcClient jdbc;
    private final LinkedHashMap<UUID, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    ExecutionInputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The claimed steps, children given their execution's input (top-level steps came with it). */
    synchronized List<ClaimedStep> fill(List<ClaimedStep> claimed) {
        Map<UUID, JsonNode> inputs = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (ClaimedStep step : claimed) {
            if (step.parentId() != null && !inputs.containsKey(step.executionId())) {
                Entry entry = cache.get(step.executionId());
                inputs.put(step.executionId(), entry == null ? null : entry.input());
                if (entry == null) {
                    missing.add(step.executionId());
                }
            }
        }
        if (inputs.isEmpty()) {
            return claimed;
        }
        if (!missing.isEmpty()) {
            jdbc.sql(SqlStatements.get("ExecutionInputs")).param("ids", missing.toArray(UUID[]::new))
                    .query((rs, n) -> {
                        String text = rs.getString("input");
                        UUID id = rs.getObject("id", UUID.class);
                        JsonNode input = Json.parse(text);
                        inputs.put(id, input);
                        remember(id, input, text.length());
                        return id;
                    }).list();
        }
        List<ClaimedStep> filled = new ArrayList<>(claimed.size());
        for (ClaimedStep step : claimed) {
            filled.add(step.parentId() == null ? step : step.withExecutionInput(inputs.get(step.executionId())));
        }
        return filled;
    }

    private void remember(UUID id, JsonNode input, int length) {
        Entry old = cache.put(id, new Entry(input, length));
        chars += length - (old == null ? 0 : old.chars());
        var eldest = cache.entrySet().iterator();
        while (cache.size() > 1 && (chars > MAX_CHARS || cache.size() > MAX_ENTRIES)) {
            chars -= eldest.next().getValue().chars();
            eldest.remove();
        }
    }
}
