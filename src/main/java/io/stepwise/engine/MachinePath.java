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
     * Parallel or Map state that started it (see {@link Outcome.FanOut}).
     */
    public record Element(String state, int branch, int index, long visit, int attempt) {
    }

    public MachinePath {
        elements = List.copyOf(elements);
    }

    /** The path of child {@code index} of {@code fanOut}, started from the frame at this path. */
    public MachinePath child(Outcome.FanOut fanOut, Outcome.Child child, int index) {
        List<Element> next = new ArrayList<>(elements);
        next.add(new Element(fanOut.stateName(), child.branch(), index, fanOut.visit(), fanOut.retries().total()));
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
}
