package io.stepwise.asl.model;

import java.util.Map;

/** A parsed state machine (or a Parallel branch / Map item processor, which have the same shape). */
public record StateMachine(String startAt, Map<String, State> states, String comment, Integer timeoutSeconds) {

    public StateMachine {
        states = Map.copyOf(states);
    }

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state named '" + name + "'");
        }
        return state;
    }
}
