package io.stepwise.asl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Choice: the first rule that matches names the next state; else Default; else States.NoChoiceMatched. */
public record ChoiceState(Common common, List<ChoiceBranch> choices, String defaultState, JsonNode defaultAssign)
        implements State {

    /**
     * A top-level Choice rule. {@code rule} is the rule's JSON (JSONPath comparison tree, or a JSONata
     * {@code Condition}); it is compiled by the language layer.
     */
    public record ChoiceBranch(JsonNode rule, String next, JsonNode assign, JsonNode output) {
    }

    @Override
    public String type() {
        return StateType.CHOICE.aslName();
    }
}
