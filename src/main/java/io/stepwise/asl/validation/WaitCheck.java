package io.stepwise.asl.validation;

import io.stepwise.asl.model.StateType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Wait states: exactly one way to say how long, and a well-formed value for it. */
record WaitCheck() implements StateCheck {

    private static final List<String> DURATIONS = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath");

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.WAIT) {
            return;
        }
        List<String> present = DURATIONS.stream().filter(state::has).toList();
        if (present.isEmpty()) {
            findings.schema("A Wait state must have exactly one of "
                    + (state.jsonata() ? "[Seconds, Timestamp]" : DURATIONS), state.at());
        } else if (present.size() > 1) {
            findings.schema("A Wait state must have exactly one of " + DURATIONS + ", found " + present,
                    state.at(present.get(1)));
        }
        JsonNode seconds = state.field("Seconds");
        boolean secondsExpression = state.jsonata() && JsonataExpressions.isExpression(seconds);
        if (seconds != null && !secondsExpression && !(Json.isInteger(seconds) && Json.longValue(seconds) >= 0
                && Json.longValue(seconds) <= TaskCheck.MAX_SECONDS)) {
            findings.schema("The field 'Seconds' must be an integer between 0 and " + TaskCheck.MAX_SECONDS
                    + (state.jsonata() ? " or a JSONata expression" : ""), state.at("Seconds"));
        }
        JsonNode timestamp = state.field("Timestamp");
        boolean timestampExpression = state.jsonata() && JsonataExpressions.isExpression(timestamp);
        if (timestamp != null && !timestampExpression
                && !(Json.isString(timestamp) && Rfc3339.isTimestamp(timestamp.stringValue()))) {
            findings.schema("String does not match RFC3339 timestamp", state.at("Timestamp"));
        }
    }
}
