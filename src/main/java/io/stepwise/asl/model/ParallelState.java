package io.stepwise.asl.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Parallel: runs every branch on the same input; the output is the array of branch outputs, in order. */
public record ParallelState(
        Common common,
        List<StateMachine> branches,
        JsonNode parameters,
        JsonNode resultSelector,
        String resultPath,
        List<Retrier> retry,
        List<Catcher> catchers) implements Recoverable {

    @Override
    public String type() {
        return StateType.PARALLEL.aslName();
    }
}
