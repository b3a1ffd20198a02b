package io.stepwise.engine;

import io.stepwise.asl.model.StateMachine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One running (sub-)machine: the top-level machine, a Parallel branch or a Map iteration. Variables
 * are scoped to the frame: a child frame starts with a copy of its parent's and its assignments stay
 * inside it, as on AWS.
 *
 * @param mapItem for a Map iteration, {@code {"Index": i, "Value": item}}; else null
 */
public record Frame(StateMachine machine, ExecutionContext execution, Map<String, JsonNode> variables,
        JsonNode mapItem) {

    public Frame {
        variables = Map.copyOf(variables);
    }

    public Frame withVariables(Map<String, JsonNode> newVariables) {
        return new Frame(machine, execution, newVariables, mapItem);
    }

    public Frame child(StateMachine subMachine, JsonNode item) {
        return new Frame(subMachine, execution, variables, item);
    }
}
