package io.stepwise.asl.model;

import java.util.Map;

/**
 * A parsed state machine, or a sub-machine (a Parallel branch, a Map item processor), which has the
 * same shape. {@code states} keeps the definition's order.
 */
public record StateMachine(String startAt, Map<String, State> states, String comment, Integer timeoutSeconds,
        QueryLanguage queryLanguage) {

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state named '" + name + "'");
        }
        return state;
    }
}
