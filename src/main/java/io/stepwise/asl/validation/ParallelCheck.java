package io.stepwise.asl.validation;

import io.stepwise.asl.model.StateType;
import tools.jackson.databind.JsonNode;

/** Parallel states: a non-empty list of branches; each branch is validated as a machine of its own. */
record ParallelCheck() implements StateCheck {

    @Override
    public void check(StateContext state, Findings findings) {
        if (state.type() != StateType.PARALLEL) {
            return;
        }
        JsonNode branches = state.field("Branches");
        if (branches == null) {
            findings.schema("The field 'Branches' is required but was missing", state.at());
        } else if (!branches.isArray()) {
            findings.schema("The field 'Branches' must be an array", state.at("Branches"));
        } else if (branches.isEmpty()) {
            findings.schema("Value cannot be empty", state.at("Branches"));
        }
    }
}
