package io.stepwise.engine;

import io.stepwise.asl.Json;
import io.stepwise.asl.model.State;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the context object a state sees as {@code $$} (JSONPath) or {@code $states.context} (JSONata). */
final class ContextObjects {

    private ContextObjects() {
    }

    /**
     * The context object for evaluating {@code state}'s fields: built only when the state can read it
     * ({@link io.stepwise.asl.model.Common#readsContext()}), an empty object otherwise.
     */
    static ObjectNode forState(Frame frame, State state, Instant enteredTime, int retryCount) {
        return state.common().readsContext() ? of(frame, state.name(), enteredTime, retryCount) : Json.NODES.objectNode();
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
        // by hand: every state of every execution formats two of these, and DateTimeFormatter showed up
        // in drain profiles
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        byte[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', '.',
            '0', '0', '0', 'Z'};
        digits(c, 0, year, 4);
        digits(c, 5, t.getMonthValue(), 2);
        digits(c, 8, t.getDayOfMonth(), 2);
        digits(c, 11, t.getHour(), 2);
        digits(c, 14, t.getMinute(), 2);
        digits(c, 17, t.getSecond(), 2);
        digits(c, 20, t.getNano() / 1_000_000, 3);
        return new String(c, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static JsonNode mapItem(int index, JsonNode value) {
        ObjectNode item = Json.NODES.objectNode();
        item.put("Index", index);
        item.set("Value", value);
        return item;
    }
}
