package io.stepwise.engine;

import io.stepwise.asl.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the context object a state sees as {@code $$} (JSONPath) or {@code $states.context} (JSONata). */
final class ContextObjects {

    private ContextObjects() {
    }

    static ObjectNode of(Frame frame, String stateName, Instant enteredTime, int retryCount) {
        ExecutionContext e = frame.execution();
        ObjectNode context = Json.NODES.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", e.executionId());
        execution.set("Input", e.input());
        execution.put("Name", e.executionName());
        if (e.roleArn() != null) {
            execution.put("RoleArn", e.roleArn());
        }
        execution.put("StartTime", timestamp(e.startTime()));
        execution.put("RedriveCount", e.redriveCount());
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", timestamp(enteredTime));
        state.put("Name", stateName);
        state.put("RetryCount", retryCount);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", e.stateMachineId());
        machine.put("Name", e.stateMachineName());
        if (frame.mapItem() != null) {
            context.putObject("Map").set("Item", frame.mapItem());
        }
        return context;
    }

    /** AWS prints context times with millisecond precision: 2024-01-01T00:00:00.000Z. */
    static String timestamp(Instant instant) {
        return MILLIS_UTC.format(instant);
    }

    // every state of every execution formats two of these: no regex, no ISO_INSTANT variable precision
    private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static JsonNode mapItem(int index, JsonNode value) {
        ObjectNode item = Json.NODES.objectNode();
        item.put("Index", index);
        item.set("Value", value);
        return item;
    }
}
