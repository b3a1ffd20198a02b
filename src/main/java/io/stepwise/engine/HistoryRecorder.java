package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.asl.model.FailState;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects the execution history events of a run under AWS's names and details, in order. The
 * durable engine writes one recorder's events as one history row; the local runner keeps them all.
 */
public final class HistoryRecorder {

    private final List<ObjectNode> events = new ArrayList<>();
    private final long firstEventId;
    private long lastEnteredEventId;

    /** A recorder whose first event will have id 1: a whole execution's history. */
    public HistoryRecorder() {
        this(1);
    }

    /** @param firstEventId the id the first recorded event will have in the execution's history */
    public HistoryRecorder(long firstEventId) {
        this.firstEventId = firstEventId;
    }

    /** The id of the latest StateEntered event: AWS names it in the cause of a state's runtime error. */
    public long lastEnteredEventId() {
        return lastEnteredEventId;
    }

    public void entered(State state, JsonNode input) {
        ObjectNode details = Json.NODES.objectNode().put("name", state.name());
        details.set("input", input);
        add(state.type() + "StateEntered", details);
        lastEnteredEventId = firstEventId + events.size() - 1;
    }

    public void exited(State state, JsonNode output) {
        if (state instanceof FailState) {
            return; // a Fail state ends the execution; AWS records no exit for it
        }
        ObjectNode details = Json.NODES.objectNode().put("name", state.name());
        details.set("output", output);
        add(state.type() + "StateExited", details);
    }

    public void taskScheduled(TaskState state, JsonNode parameters, Long timeoutSeconds, Long heartbeatSeconds) {
        ObjectNode details = resource(state);
        details.set("parameters", parameters);
        if (timeoutSeconds != null) {
            details.put("timeoutInSeconds", timeoutSeconds);
        }
        if (heartbeatSeconds != null) {
            details.put("heartbeatInSeconds", heartbeatSeconds);
        }
        add("TaskScheduled", details);
    }

    public void taskStarted(TaskState state) {
        add("TaskStarted", resource(state));
    }

    public void taskSucceeded(TaskState state, JsonNode output) {
        ObjectNode details = resource(state);
        details.set("output", output);
        add("TaskSucceeded", details);
    }

    public void taskFailed(TaskState state, String error, String cause) {
        ObjectNode details = resource(state);
        putError(details, error, cause);
        add(ErrorNames.TIMEOUT.equals(error) ? "TaskTimedOut" : "TaskFailed", details);
    }

    public void fanOutStarted(State state, int children) {
        ObjectNode details = Json.NODES.objectNode();
        if (state instanceof MapState) {
            details.put("length", children);
        }
        add(state.type() + "StateStarted", details);
    }

    public void fanOutSucceeded(State state) {
        add(state.type() + "StateSucceeded", Json.NODES.objectNode());
    }

    public void fanOutFailed(State state, String error, String cause) {
        ObjectNode details = Json.NODES.objectNode();
        putError(details, error, cause);
        add(state.type() + "StateFailed", details);
    }

    public void iteration(String type, String mapStateName, int index) {
        add(type, Json.NODES.objectNode().put("name", mapStateName).put("index", index));
    }

    public void add(String type, ObjectNode details) {
        events.add(event(type, details));
    }

    private static ObjectNode event(String type, ObjectNode details) {
        ObjectNode event = Json.NODES.objectNode().put("type", type);
        event.set("details", details);
        return event;
    }

    /**
     * The event that starts an execution, as {@code {"type", "details"}}. The in-process runner records
     * it; the durable engine derives it from the execution row with this same method.
     */
    public static ObjectNode executionStarted(JsonNode input) {
        ObjectNode details = Json.NODES.objectNode();
        details.set("input", input);
        return event("ExecutionStarted", details);
    }

    /** The event that ends an execution with {@code status}, recorded or derived as {@link #executionStarted}. */
    public static ObjectNode executionEnded(ExecutionStatus status, JsonNode output, String error, String cause) {
        ObjectNode details = Json.NODES.objectNode();
        String type = switch (status) {
            case SUCCEEDED -> {
                details.set("output", output);
                yield "ExecutionSucceeded";
            }
            case FAILED -> "ExecutionFailed";
            case TIMED_OUT -> "ExecutionTimedOut";
            case ABORTED -> "ExecutionAborted";
            case RUNNING, PENDING_REDRIVE -> throw new IllegalArgumentException("an unfinished execution has no end");
        };
        putError(details, error, cause);
        return event(type, details);
    }

    /** Records an event made by {@link #executionStarted} or {@link #executionEnded}. */
    public void add(ObjectNode event) {
        events.add(event);
    }

    static void putError(ObjectNode details, String error, String cause) {
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
    }

    private static ObjectNode resource(TaskState state) {
        return Json.NODES.objectNode().put("resource", state.resource()).put("resourceType", "stepwise");
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public int size() {
        return events.size();
    }

    public List<ObjectNode> events() {
        return List.copyOf(events);
    }
}
