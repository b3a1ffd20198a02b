package io.stepwise.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The recorder dropped the event ids inside Parallel branches and sorted those events, so their
 * {@code previousEventId} chains are gone. Within one run of such events the k-th outcome belongs to
 * the k-th Task state entered and the k-th scheduling event; a run with one Task state but several
 * outcomes holds that state's retries.
 */
final class UnnumberedBlocks {

    private UnnumberedBlocks() {
    }

    /** Adds each block's attempts; false (with the reason in {@code whyNot}) when they cannot be paired. */
    static boolean addAttempts(JsonNode events, Map<String, List<RecordedTasks.Attempt>> attempts,
            StringBuilder whyNot) {
        List<JsonNode> block = new ArrayList<>();
        for (JsonNode event : events) {
            if (!RecordedTasks.numbered(event)) {
                block.add(event);
            } else if (!block.isEmpty()) {
                if (!addBlock(block, attempts, whyNot)) {
                    return false;
                }
                block.clear();
            }
        }
        return block.isEmpty() || addBlock(block, attempts, whyNot);
    }

    private static boolean addBlock(List<JsonNode> block, Map<String, List<RecordedTasks.Attempt>> attempts,
            StringBuilder whyNot) {
        List<String> entered = new ArrayList<>();
        List<JsonNode> scheduled = new ArrayList<>();
        List<JsonNode> outcomes = new ArrayList<>();
        for (JsonNode event : block) {
            String type = event.path("type").asString();
            if ("TaskStateEntered".equals(type)) {
                entered.add(event.path("details").path("name").asString());
            } else if (RecordedTasks.SCHEDULED.contains(type)) {
                scheduled.add(event);
            } else if (RecordedTasks.SUCCEEDED.contains(type) || RecordedTasks.FAILED.contains(type)) {
                outcomes.add(event);
            }
        }
        if (scheduled.size() > outcomes.size()) {
            whyNot.append("a scheduled task has no recorded outcome (the execution ended while it ran)");
            return false;
        }
        boolean oneState = entered.stream().distinct().count() == 1;
        if (!outcomes.isEmpty() && entered.size() != outcomes.size() && !oneState) {
            whyNot.append("task outcomes in a Parallel branch cannot be paired with their states");
            return false;
        }
        for (int k = 0; k < outcomes.size(); k++) {
            String state = oneState ? entered.get(0) : entered.get(k);
            JsonNode sent = scheduled.size() == outcomes.size() ? RecordedTasks.sentInput(scheduled.get(k)) : null;
            JsonNode outcome = outcomes.get(k);
            attempts.computeIfAbsent(state, s -> new ArrayList<>()).add(new RecordedTasks.Attempt(sent,
                    RecordedTasks.result(outcome.path("type").asString(), outcome.path("details"))));
        }
        return true;
    }
}
