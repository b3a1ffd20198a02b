package io.stepwise.asl.validation;

import java.util.ArrayList;
import tools.jackson.databind.JsonNode;

/** Fields a state may have under its type and query language, and how it hands over control (Next/End). */
record StateFieldsCheck() implements StateCheck {

    @Override
    public void check(StateContext state, Findings findings) {
        for (String field : new ArrayList<>(state.state().propertyNames())) {
            if (state.type().allows(field, state.language())) {
                continue;
            }
            if (state.type().allows(field, state.language().other())) {
                findings.schema("The field '" + field + "' is not supported when the query language is "
                        + state.language().aslName(), state.at(field));
            } else {
                findings.schema("The field '" + field + "' is not supported by " + state.type().aslName()
                        + " states", state.at(field));
            }
        }
        expectString(state, "Comment", findings);
        JsonNode assign = state.field("Assign");
        if (assign != null && !assign.isObject()) {
            findings.schema("The field 'Assign' must be an object", state.at("Assign"));
        }
        if (state.type().takesNextOrEnd()) {
            checkNextOrEnd(state, findings);
        }
    }

    private static void checkNextOrEnd(StateContext state, Findings findings) {
        JsonNode next = state.field("Next");
        JsonNode end = state.field("End");
        if (next != null && !next.isString()) {
            findings.schema("The field 'Next' must be a state name", state.at("Next"));
        }
        if (end != null && !end.isBoolean()) {
            findings.schema("The field 'End' must be a boolean", state.at("End"));
        }
        boolean ends = end != null && end.isBoolean() && end.booleanValue();
        if (next != null && ends) {
            findings.schema("The fields 'Next' and 'End' are mutually exclusive", state.at());
        } else if (next == null && !ends) {
            findings.schema("A " + state.type().aslName() + " state must have either 'Next' or 'End': true",
                    state.at());
        }
    }

    static void expectString(StateContext state, String field, Findings findings) {
        JsonNode value = state.field(field);
        if (value != null && !value.isString()) {
            findings.schema("The field '" + field + "' must be a string", state.at(field));
        }
    }
}
