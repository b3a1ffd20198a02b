package io.stepwise.api;

import io.stepwise.api.FailureResponse.FailedState;
import io.stepwise.api.FailureResponse.Retry;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.HistoryEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Finds the state an execution failed in from its history and definition. History events carry no
 * branch or iteration, so the analysis works backwards from the last failure that matches the
 * execution's error: a Task's last failure (its attempts are the TaskScheduled events with the same
 * resource and parameters since its entry), else a Fail state's entry, else a failed Map or Parallel,
 * else (timeouts, stops, runtime errors) the last state entered and never exited. The REST API's failure view
 * and the console's failure panel both come from here.
 */
public final class FailureAnalysis {

    private final ExecutionRecord execution;
    private final List<HistoryEvent> events;
    private final JsonNode definition;

    private FailureAnalysis(ExecutionRecord execution, List<HistoryEvent> events, JsonNode definition) {
        this.execution = execution;
        this.events = events;
        this.definition = definition;
    }

    /** @param definition the machine's definition; null when it was deleted (the path is then the name alone) */
    public static FailureResponse of(ExecutionRecord execution, List<HistoryEvent> events, JsonNode definition) {
        return new FailureResponse(execution.id(), execution.status().name(), execution.error(), execution.cause(),
                new FailureAnalysis(execution, events, definition).failedState());
    }

    private FailedState failedState() {
        if (execution.status() == ExecutionStatus.FAILED) {
            for (int i = events.size() - 1; i >= 0; i--) {
                String type = events.get(i).type();
                if ((type.equals("TaskFailed") || type.equals("TaskTimedOut")) && errorMatches(events.get(i))) {
                    return task(i);
                }
                if (type.equals("FailStateEntered") && failStateMatches(events.get(i))) {
                    return entered(i, i);
                }
            }
            for (int i = events.size() - 1; i >= 0; i--) {
                String type = events.get(i).type();
                if ((type.equals("MapStateFailed") || type.equals("ParallelStateFailed")) && errorMatches(events.get(i))) {
                    return fanOut(i, type.substring(0, type.length() - "StateFailed".length()));
                }
            }
        }
        int open = lastOpenEntry();
        return open < 0 ? null : entered(open, null);
    }

    /** A Task's last failure: its attempts since it was entered, and the failures that were retried. */
    private FailedState task(int failed) {
        HistoryEvent failure = events.get(failed);
        String resource = failure.details().path("resource").asString(null);
        int scheduled = failed - 1;
        while (scheduled >= 0 && !(events.get(scheduled).type().equals("TaskScheduled")
                && Objects.equals(resource, events.get(scheduled).details().path("resource").asString(null)))) {
            scheduled--;
        }
        JsonNode parameters = scheduled >= 0 ? events.get(scheduled).details().get("parameters") : null;
        List<Integer> attempts = new ArrayList<>();
        Set<Integer> attemptSet = new HashSet<>();
        int entered = -1;
        for (int j = failed - 1; j >= 0; j--) {
            HistoryEvent event = events.get(j);
            if (event.type().equals("TaskScheduled") && Objects.equals(resource, event.details().path("resource")
                    .asString(null)) && Objects.equals(parameters, event.details().get("parameters"))) {
                attempts.addFirst(j);
                attemptSet.add(j);
            } else if (event.type().equals("TaskStateEntered") && attemptSet.contains(j + 1)) {
                entered = j;
                break;
            }
        }
        List<Retry> retries = new ArrayList<>();
        for (int a = 0; a < attempts.size() - 1; a++) {
            for (int j = attempts.get(a) + 1; j < attempts.get(a + 1); j++) {
                HistoryEvent event = events.get(j);
                if ((event.type().equals("TaskFailed") || event.type().equals("TaskTimedOut"))
                        && Objects.equals(resource, event.details().path("resource").asString(null))) {
                    retries.add(new Retry(a + 1, event.id(), event.timestamp(), error(event), cause(event)));
                    break;
                }
            }
        }
        String name = entered >= 0 ? events.get(entered).details().path("name").asString(null) : null;
        JsonNode input = entered >= 0 ? events.get(entered).details().get("input") : null;
        return new FailedState(name, "Task", path(name, failed, input), input, error(failure), cause(failure),
                Math.max(1, attempts.size()), retries, entered >= 0 ? events.get(entered).id() : null, failure.id());
    }

    private FailedState fanOut(int failed, String type) {
        HistoryEvent failure = events.get(failed);
        int entered = failed - 1;
        while (entered >= 0 && !events.get(entered).type().equals(type + "StateEntered")) {
            entered--;
        }
        List<Retry> retries = new ArrayList<>();
        int attempt = 0;
        for (int j = Math.max(entered, 0); j < failed; j++) {
            HistoryEvent event = events.get(j);
            if (event.type().equals(type + "StateStarted")) {
                attempt++;
            } else if (event.type().equals(type + "StateFailed")) {
                retries.add(new Retry(Math.max(attempt, 1), event.id(), event.timestamp(), error(event), cause(event)));
            }
        }
        String name = entered >= 0 ? events.get(entered).details().path("name").asString(null) : null;
        JsonNode input = entered >= 0 ? events.get(entered).details().get("input") : null;
        return new FailedState(name, type, path(name, failed, input), input, error(failure), cause(failure),
                Math.max(1, attempt), retries, entered >= 0 ? events.get(entered).id() : null, failure.id());
    }

    /** A state known by its entry: a Fail state, or where a timeout or stop found the execution. */
    private FailedState entered(int index, Integer failedIndex) {
        HistoryEvent event = events.get(index);
        String type = event.type().substring(0, event.type().length() - "StateEntered".length());
        String name = event.details().path("name").asString(null);
        JsonNode input = event.details().get("input");
        return new FailedState(name, type, path(name, index, input), input, execution.error(), execution.cause(), 1,
                List.of(), event.id(), failedIndex == null ? null : events.get(failedIndex).id());
    }

    /** The last state entry with no exit of the same state after it. */
    private int lastOpenEntry() {
        Set<String> exited = new HashSet<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            HistoryEvent event = events.get(i);
            String name = event.details().path("name").asString(null);
            if (event.type().endsWith("StateExited")) {
                exited.add(name);
            } else if (event.type().endsWith("StateEntered") && !exited.contains(name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean errorMatches(HistoryEvent event) {
        return execution.error() == null || execution.error().equals(error(event));
    }

    /** A Fail state with a fixed Error must name the execution's error; a computed one may. */
    private boolean failStateMatches(HistoryEvent event) {
        JsonNode state = definition == null ? null
                : StatePaths.find(definition, event.details().path("name").asString(""));
        JsonNode error = state == null ? null : state.get("Error");
        return error == null || !error.isString() || error.asString().startsWith("{%")
                || error.asString().equals(execution.error());
    }

    private List<String> path(String name, int before, JsonNode stateInput) {
        if (name == null) {
            return List.of();
        }
        if (definition == null) {
            return List.of(name);
        }
        List<String> path = StatePaths.path(definition, name, (containerName, container, branch) -> branch != null
                ? "[" + branch + "]" : "[" + iteration(containerName, container, before, name, stateInput) + "]");
        return path == null ? List.of(name) : path;
    }

    /**
     * A Map iteration's index: from a MapIterationFailed event when history has one, else by finding the
     * failed state's input among the Map's items when the state is the first of its iteration and the
     * items are the Map's input (or a field of it) unchanged; "?" otherwise.
     */
    private String iteration(String mapName, JsonNode map, int before, String stateName, JsonNode stateInput) {
        for (int i = before; i >= 0; i--) {
            HistoryEvent event = events.get(i);
            if (event.type().equals("MapIterationFailed") && Objects.equals(mapName, event.details().path("name")
                    .asString(null))) {
                return event.details().path("index").asString("?");
            }
        }
        JsonNode processor = map.has("ItemProcessor") ? map.get("ItemProcessor") : map.get("Iterator");
        if (stateInput == null || processor == null || !stateName.equals(processor.path("StartAt").asString(null))
                || map.has("ItemSelector") || map.has("Parameters") || map.has("Items")) {
            return "?";
        }
        for (int i = before; i >= 0; i--) {
            HistoryEvent event = events.get(i);
            if (event.type().equals("MapStateEntered") && Objects.equals(mapName, event.details().path("name")
                    .asString(null))) {
                JsonNode items = StatePaths.simplePath(event.details().get("input"),
                        map.path("ItemsPath").asString("$"));
                List<Integer> matches = new ArrayList<>();
                for (int k = 0; items != null && items.isArray() && k < items.size(); k++) {
                    if (items.get(k).equals(stateInput)) {
                        matches.add(k);
                    }
                }
                return matches.size() == 1 ? matches.getFirst().toString() : "?";
            }
        }
        return "?";
    }

    private static String error(HistoryEvent event) {
        return event.details().path("error").asString(null);
    }

    private static String cause(HistoryEvent event) {
        return event.details().path("cause").asString(null);
    }
}
