package io.stepwise.console;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.HistoryEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What each state of one execution did, folded from its history events one at a time, so a view can
 * catch up with new events without reading the old ones again. Events name their state only on entry
 * and exit; Task events carry the resource, so they belong to the latest open Task state with that
 * resource, and a Map's or Parallel's Started/Failed/Succeeded to the latest open one of that type.
 * Inside Map iterations and Parallel branches the same state runs many times: its figures add up, and
 * its status is that of its latest entry. Map iterations are kept as one status per index.
 */
final class ExecutionActivity {

    /** The attempts kept per state: enough to read a retry story, bounded for a state run 10,000 times. */
    static final int MAX_ATTEMPTS = 25;

    enum Iteration { NOT_STARTED, RUNNING, SUCCEEDED, FAILED, ABORTED }

    record Attempt(int number, Instant started, Instant ended, String outcome, String error, String cause) {
    }

    /** One state's figures. Mutable, touched only under the owning view's lock. */
    static final class StateRecord {
        final String name;
        final String type;
        final String resource;
        int entries;
        int exits;
        /** Entries neither exited nor ended by a failure: running now (or cut short by a stop). */
        int open;
        int failures;
        int retries;
        JsonNode input;
        JsonNode output;
        String error;
        String cause;
        Instant enteredAt;
        Instant exitedAt;
        boolean failedInEntry;
        boolean caughtInEntry;
        int attemptsInEntry;
        final Deque<Attempt> attempts = new ArrayDeque<>();
        /** For a Map: each iteration's status by index, and the item count of its latest start. */
        byte[] iterations = new byte[0];
        int length;

        StateRecord(String name, String type, String resource) {
            this.name = name;
            this.type = type;
            this.resource = resource;
        }

        StateStatus status(ExecutionStatus execution) {
            if (entries == 0) {
                return StateStatus.NOT_RUN;
            }
            if (open > 0) {
                if (execution.isFinished()) {
                    return StateStatus.CANCELLED;
                }
                return attemptsInEntry > 1 ? StateStatus.RETRIED : StateStatus.RUNNING;
            }
            if (failedInEntry) {
                return StateStatus.FAILED;
            }
            if (caughtInEntry) {
                return StateStatus.CAUGHT;
            }
            return attemptsInEntry > 1 ? StateStatus.RETRIED : StateStatus.SUCCEEDED;
        }

        /** Iterations by status, {@link Iteration} order; NOT_STARTED counts up to {@link #length}. */
        int[] iterationCounts() {
            int[] counts = new int[Iteration.values().length];
            for (byte b : iterations) {
                counts[b]++;
            }
            counts[Iteration.NOT_STARTED.ordinal()] += Math.max(0, length - iterations.length);
            return counts;
        }

        Iteration iteration(int index) {
            return index < iterations.length ? Iteration.values()[iterations[index]] : Iteration.NOT_STARTED;
        }

        private void iteration(int index, Iteration status) {
            if (index < 0) {
                return;
            }
            if (index >= iterations.length) {
                iterations = Arrays.copyOf(iterations, Math.max(index + 1, Math.min(iterations.length * 2 + 16,
                        Math.max(length, index + 1))));
            }
            iterations[index] = (byte) status.ordinal();
        }

        private void attempt(Attempt attempt) {
            attempts.addLast(attempt);
            if (attempts.size() > MAX_ATTEMPTS) {
                attempts.removeFirst();
            }
        }
    }

    private final Map<String, StateRecord> states = new LinkedHashMap<>();
    private final Map<String, Deque<StateRecord>> openTasks = new HashMap<>();
    private final Map<String, Deque<StateRecord>> openFanOuts = new HashMap<>();
    /** States in the order they were first entered: the path the execution took. */
    private final List<String> path = new ArrayList<>();
    private long lastEventId;

    ExecutionActivity(JsonNode definition) {
        StateIndex.of(definition).states().forEach((name, state) -> states.put(name,
                new StateRecord(name, state.path("Type").asString("?"), state.path("Resource").asString(null))));
    }

    Map<String, StateRecord> states() {
        return states;
    }

    List<String> path() {
        return path;
    }

    long lastEventId() {
        return lastEventId;
    }

    void accept(HistoryEvent event) {
        lastEventId = Math.max(lastEventId, event.id());
        String type = event.type();
        JsonNode details = event.details();
        if (type.endsWith("StateEntered")) {
            entered(details.path("name").asString(""), details.get("input"), event.timestamp());
        } else if (type.endsWith("StateExited")) {
            exited(details.path("name").asString(""), details.get("output"), event.timestamp());
        } else if (type.startsWith("Task")) {
            task(type, details, event.timestamp());
        } else if (type.startsWith("MapIteration")) {
            StateRecord map = states.get(details.path("name").asString(""));
            if (map != null) {
                map.iteration(details.path("index").asInt(-1), switch (type) {
                    case "MapIterationStarted" -> Iteration.RUNNING;
                    case "MapIterationSucceeded" -> Iteration.SUCCEEDED;
                    case "MapIterationFailed" -> Iteration.FAILED;
                    default -> Iteration.ABORTED;
                });
            }
        } else if (type.startsWith("MapState") || type.startsWith("ParallelState")) {
            fanOut(type, details, event.timestamp());
        }
    }

    private void entered(String name, JsonNode input, Instant at) {
        StateRecord state = states.get(name);
        if (state == null) {
            return;
        }
        if (state.entries == 0) {
            path.add(name);
        }
        state.entries++;
        state.open++;
        state.input = input;
        state.enteredAt = at;
        state.failedInEntry = false;
        state.caughtInEntry = false;
        state.attemptsInEntry = 0;
        if (state.type.equals("Task")) {
            openTasks.computeIfAbsent(String.valueOf(state.resource), k -> new ArrayDeque<>()).push(state);
        } else if (state.type.equals("Map") || state.type.equals("Parallel")) {
            openFanOuts.computeIfAbsent(state.type, k -> new ArrayDeque<>()).push(state);
        } else if (state.type.equals("Fail")) {
            failed(state, null, null); // AWS records no exit for a Fail state: its entry is its end
        }
    }

    private void exited(String name, JsonNode output, Instant at) {
        StateRecord state = states.get(name);
        if (state == null) {
            return;
        }
        state.exits++;
        state.output = output;
        state.exitedAt = at;
        if (state.failedInEntry) {
            state.caughtInEntry = true; // an exit after a failure: a Catcher took it (the failure closed the entry)
            state.failedInEntry = false;
        } else {
            state.open = Math.max(0, state.open - 1);
        }
        openTasks.getOrDefault(String.valueOf(state.resource), new ArrayDeque<>()).remove(state);
        openFanOuts.getOrDefault(state.type, new ArrayDeque<>()).remove(state);
    }

    private void task(String type, JsonNode details, Instant at) {
        Deque<StateRecord> open = openTasks.get(details.path("resource").asString("null"));
        StateRecord state = open == null ? null : open.peek();
        if (state == null) {
            return;
        }
        switch (type) {
            case "TaskScheduled" -> {
                state.attemptsInEntry++;
                if (state.attemptsInEntry > 1) {
                    state.retries++;
                }
                retrying(state);
                state.attempt(new Attempt(state.attemptsInEntry, at, null, "scheduled", null, null));
            }
            case "TaskSucceeded" -> finishAttempt(state, at, "succeeded", null, null);
            case "TaskFailed", "TaskTimedOut", "TaskStartFailed", "TaskSubmitFailed" -> {
                String error = details.path("error").asString(null);
                String cause = details.path("cause").asString(null);
                finishAttempt(state, at, type.equals("TaskTimedOut") ? "timed out" : "failed", error, cause);
                failed(state, error, cause);
            }
            default -> {
            }
        }
    }

    private static void finishAttempt(StateRecord state, Instant at, String outcome, String error, String cause) {
        Attempt last = state.attempts.peekLast();
        if (last != null && last.ended() == null) {
            state.attempts.removeLast();
            state.attempts.addLast(new Attempt(last.number(), last.started(), at, outcome, error, cause));
        }
    }

    private void fanOut(String type, JsonNode details, Instant at) {
        String kind = type.startsWith("Map") ? "Map" : "Parallel";
        Deque<StateRecord> open = openFanOuts.get(kind);
        StateRecord state = open == null ? null : open.peek();
        if (state == null) {
            return;
        }
        if (type.endsWith("Started")) {
            state.attemptsInEntry++;
            if (state.attemptsInEntry > 1) {
                state.retries++;
            }
            retrying(state);
            if (details.has("length")) {
                state.length = details.get("length").asInt();
            }
            state.attempt(new Attempt(state.attemptsInEntry, at, null, "started", null, null));
        } else if (type.endsWith("Succeeded")) {
            finishAttempt(state, at, "succeeded", null, null);
        } else if (type.endsWith("Failed")) {
            String error = details.path("error").asString(null);
            String cause = details.path("cause").asString(null);
            finishAttempt(state, at, "failed", error, cause);
            failed(state, error, cause);
        }
    }

    /**
     * A failure ends the entry, unless what follows reopens it: another attempt ({@link #retrying}) or an
     * exit through a Catcher.
     */
    private static void failed(StateRecord state, String error, String cause) {
        state.failures++;
        if (!state.failedInEntry) {
            state.open = Math.max(0, state.open - 1);
        }
        state.failedInEntry = true;
        state.error = error;
        state.cause = cause;
    }

    /** Another attempt after a failure: the entry is open again. */
    private static void retrying(StateRecord state) {
        if (state.failedInEntry) {
            state.open++;
            state.failedInEntry = false;
        }
    }
}
