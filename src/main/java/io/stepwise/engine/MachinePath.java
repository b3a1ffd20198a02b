package io.stepwise.engine;

import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * Which (sub-)machine a frame runs: the top level, or a path of Parallel branches and Map item
 * processors below it. Persisted with each child step, so any replica can rebuild the frame.
 */
public record MachinePath(List<Element> elements) {

    public static final MachinePath TOP = new MachinePath(List.of());

    /** One level: the Parallel or Map state, and the branch (always 0 for Map). */
    public record Element(String state, int branch) {
    }

    public MachinePath {
        elements = List.copyOf(elements);
    }

    public MachinePath child(String state, int branch) {
        List<Element> next = new ArrayList<>(elements);
        next.add(new Element(state, branch));
        return new MachinePath(next);
    }

    public StateMachine resolve(StateMachine top) {
        StateMachine machine = top;
        for (Element element : elements) {
            machine = switch (machine.state(element.state())) {
                case ParallelState parallel -> parallel.branches().get(element.branch());
                case MapState map -> map.itemProcessor();
                default -> throw new IllegalArgumentException("state '" + element.state() + "' has no sub-machines");
            };
        }
        return machine;
    }

    public StateMachine subMachine(StateMachine machine, String state, int branch) {
        return child(state, branch).resolve(machine);
    }
}
