package io.stepwise.asl.validation;

import io.stepwise.asl.model.StateType;
import tools.jackson.databind.JsonNode;

/** Fail states: a fixed Error/Cause or one computed by ErrorPath/CausePath, never both. */
record FailCheck() implements StateCheck {

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.FAIL) {
            return;
        }
        TaskCheck.exclusive(state, "Error", "ErrorPath", findings);
        TaskCheck.exclusive(state, "Cause", "CausePath", findings);
        StateFieldsCheck.expectString(state, "Error", findings);
        StateFieldsCheck.expectString(state, "Cause", findings);
        for (String field : new String[] {"ErrorPath", "CausePath"}) {
            JsonNode value = state.field(field);
            if (value != null && !(value.isString() && DynamicValues.isPathOrIntrinsic(value.stringValue()))) {
                findings.schema("The value for the field '" + field
                        + "' must be a valid JSONPath or a valid intrinsic function call", state.at(field));
            }
        }
    }
}
