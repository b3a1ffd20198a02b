package io.stepwise.conformance;

import io.stepwise.asl.Json;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.engine.TaskMocks;
import io.stepwise.engine.TaskResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The task attempts of an AWS-recorded execution history, replayed as {@link TaskMocks}. Each outcome
 * event (TaskSucceeded, LambdaFunctionFailed, ActivityTimedOut, ...) is traced back through
 * {@code previousEventId} to the TaskStateEntered that started it, which names the state, and to the
 * scheduling event, which holds the input AWS sent. A state's attempts are answered in recorded order;
 * inside Map and Parallel (where AWS ran children concurrently and we run them one by one) an attempt
 * whose recorded input equals the call's input is preferred, so each iteration gets its own result.
 */
final class RecordedTasks implements TaskMocks {

    /** One recorded attempt of a Task state: what it was sent (null if unknown) and how it ended. */
    record Attempt(JsonNode input, TaskResult result) {
    }

    static final Set<String> SCHEDULED = Set.of("TaskScheduled", "LambdaFunctionScheduled",
            "ActivityScheduled");
    static final Set<String> SUCCEEDED = Set.of("TaskSucceeded", "LambdaFunctionSucceeded",
            "ActivitySucceeded");
    static final Set<String> FAILED = Set.of("TaskFailed", "TaskTimedOut", "TaskStartFailed",
            "TaskSubmitFailed", "LambdaFunctionFailed", "LambdaFunctionTimedOut", "LambdaFunctionStartFailed",
            "LambdaFunctionScheduleFailed", "ActivityFailed", "ActivityTimedOut", "ActivityScheduleFailed");

    private final Map<String, List<Attempt>> remaining;

    private RecordedTasks(Map<String, List<Attempt>> attempts) {
        this.remaining = attempts;
    }

    /**
     * The recorded attempts, or why the history does not determine every task's outcome: a scheduled
     * task without an outcome event (it was still running when the execution stopped or timed out), or
     * an outcome that cannot be traced to its state.
     */
    static Optional<RecordedTasks> of(JsonNode events, StringBuilder whyNot) {
        Map<Long, JsonNode> byId = new HashMap<>();
        events.forEach(e -> {
            if (numbered(e)) {
                byId.put(e.get("id").asLong(), e);
            }
        });
        Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
        Set<Long> scheduledWithOutcome = new HashSet<>();
        for (JsonNode event : events) {
            String type = event.path("type").asString();
            if (!numbered(event) || (!SUCCEEDED.contains(type) && !FAILED.contains(type))) {
                continue;
            }
            JsonNode scheduled = null;
            String state = null;
            JsonNode e = byId.get(event.path("previousEventId").asLong());
            // ids start at 1, so previousEventId 0 ends the walk; the step cap guards a malformed chain
            for (int steps = 0; e != null && state == null && steps < events.size(); steps++) {
                String t = e.path("type").asString();
                if (SCHEDULED.contains(t) && scheduled == null) {
                    scheduled = e;
                } else if ("TaskStateEntered".equals(t)) {
                    state = e.path("details").path("name").asString();
                }
                e = byId.get(e.path("previousEventId").asLong());
            }
            if (state == null) {
                whyNot.append("an outcome event traces to no Task state");
                return Optional.empty();
            }
            if (scheduled != null) {
                scheduledWithOutcome.add(scheduled.path("id").asLong());
            }
            attempts.computeIfAbsent(state, s -> new ArrayList<>()).add(new Attempt(sentInput(scheduled),
                    result(type, event.path("details"))));
        }
        if (!UnnumberedBlocks.addAttempts(events, attempts, whyNot)) {
            return Optional.empty();
        }
        boolean everyNumberedHasOutcome = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> numbered(e) && SCHEDULED.contains(e.path("type").asString()))
                .allMatch(e -> scheduledWithOutcome.contains(e.get("id").asLong()));
        if (!everyNumberedHasOutcome) {
            whyNot.append("a scheduled task has no recorded outcome (the execution ended while it ran)");
            return Optional.empty();
        }
        return Optional.of(new RecordedTasks(attempts));
    }

    static boolean numbered(JsonNode event) {
        return event.path("id").isIntegralNumber() && event.path("id").asLong() > 0;
    }

    @Override
    public synchronized TaskResult answer(String stateName, String resource, JsonNode input, int attempt) {
        List<Attempt> left = remaining.getOrDefault(stateName, List.of());
        if (left.isEmpty()) {
            return new TaskResult.Failure("Replay.NoRecordedAttempt",
                    "AWS's history has no further attempt of Task state '" + stateName + "'");
        }
        int chosen = 0;
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i).input() != null && JsonValues.sameValue(left.get(i).input(), input)) {
                chosen = i;
                break;
            }
        }
        return left.remove(chosen).result();
    }

    static JsonNode sentInput(JsonNode scheduled) {
        if (scheduled == null) {
            return null;
        }
        JsonNode details = scheduled.path("details");
        JsonNode sent = details.has("parameters") ? details.get("parameters") : details.get("input");
        return sent == null || sent.isMissingNode() ? null : sent;
    }

    static TaskResult result(String type, JsonNode details) {
        if (SUCCEEDED.contains(type)) {
            return new TaskResult.Success(output(details.get("output")));
        }
        boolean timedOut = type.endsWith("TimedOut");
        String error = details.hasNonNull("error") ? text(details.get("error")) : timedOut ? "States.Timeout" : null;
        // a timeout's history event has no cause, yet AWS's error output for it says "Cause": ""
        String cause = details.hasNonNull("cause") ? text(details.get("cause")) : timedOut ? "" : null;
        return new TaskResult.Failure(error, cause);
    }

    /**
     * History outputs are JSON text; the corpus parsed most of them but kept some as the raw text (a
     * Lambda returning {@code "HelloWorld"} is recorded as the string {@code "\"HelloWorld\""}).
     */
    private static JsonNode output(JsonNode recorded) {
        if (recorded == null) {
            return Json.NODES.nullNode();
        }
        if (recorded.isString()) {
            try {
                return Json.parse(recorded.asString());
            } catch (RuntimeException notJsonText) {
                return recorded;
            }
        }
        return recorded;
    }

    /**
     * The corpus stores a cause that was JSON text (a Lambda error) parsed, so its exact layout is lost;
     * {@link PlaceholderMatch} compares such texts as JSON.
     */
    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : Json.write(value);
    }
}
