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
public record Frame(StateMachine machine, MachinePath path, ExecutionContext execution,
        Map<String, JsonNode> variables, JsonNode mapItem) {

    public Frame {
        variables = Map.copyOf(variables);
    }

    public Frame withVariables(Map<String, JsonNode> newVariables) {
        return new Frame(machine, path, execution, newVariables, mapItem);
    }

    public Frame child(StateMachine subMachine, MachinePath subPath, JsonNode item) {
        return new Frame(subMachine, subPath, execution, variables, item);
    }
}
