package io.stepwise.engine;

import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * Which (sub-)machine a frame runs, and which piece of work it is: the top level, or a path of
 * Parallel branches and Map iterations below it. Persisted with each child step, so any replica can
 * rebuild the frame.
 */
public record MachinePath(List<Element> elements) {

    public static final MachinePath TOP = new MachinePath(List.of());

    /**
     * One level: the Parallel or Map state and the sub-machine it runs ({@code branch}: always 0 for
     * Map), plus what makes this child unique among all children ever started by that state in its
     * frame: the branch or item {@code index}, and the {@code visit} and retry {@code attempt} of the
     * Parallel or Map state that started it (see {@link Outcome.FanOut}); {@code iteration} is true
     * for a Map's.
     */
    public record Element(String state, int branch, int index, long visit, int attempt, boolean iteration) {
    }

    public MachinePath {
        elements = List.copyOf(elements);
    }

    /** The path of child {@code index} of {@code fanOut}, started by a frame of {@code machine} at this path. */
    public MachinePath child(StateMachine machine, Outcome.FanOut fanOut, Outcome.Child child, int index) {
        List<Element> next = new ArrayList<>(elements);
        next.add(new Element(fanOut.stateName(), child.branch(), index, fanOut.visit(), fanOut.retries().total(),
                machine.state(fanOut.stateName()) instanceof MapState));
        return new MachinePath(next);
    }

    /** The Map iteration this path's frame runs, or null for the top level and Parallel branches. */
    public Element iteration() {
        Element last = elements.isEmpty() ? null : elements.getLast();
        return last != null && last.iteration() ? last : null;
    }

    public StateMachine resolve(StateMachine top) {
        StateMachine machine = top;
        for (Element element : elements) {
            machine = subMachine(machine, element);
        }
        return machine;
    }

    /** The sub-machine of this path's last level, given the machine of the level above it. */
    public StateMachine subMachineOf(StateMachine parent) {
        return subMachine(parent, elements.getLast());
    }

    private static StateMachine subMachine(StateMachine machine, Element element) {
        return switch (machine.state(element.state())) {
            case ParallelState parallel -> parallel.branches().get(element.branch());
            case MapState map -> map.itemProcessor();
            default -> throw new IllegalArgumentException("state '" + element.state() + "' has no sub-machines");
        };
    }
}
