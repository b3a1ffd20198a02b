package io.stepwise.asl.model;

import tools.jackson.databind.JsonNode;

/** Pass: hands its input, its Parameters or its fixed Result on. */
public record PassState(Common common, JsonNode result, JsonNode parameters, String resultPath) implements State {

    @Override
    public String type() {
        return StateType.PASS.aslName();
    }
}
