package io.stepwise.asl.model;

import tools.jackson.databind.JsonNode;

/** Fail: ends the (sub-)machine with an error and cause, given literally, by path, or by JSONata. */
public record FailState(Common common, JsonNode error, JsonNode cause, String errorPath, String causePath)
        implements State {

    @Override
    public String type() {
        return StateType.FAIL.aslName();
    }
}
