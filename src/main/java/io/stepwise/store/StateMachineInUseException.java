package io.stepwise.store;

/** A state machine cannot be deleted while executions of it may still need its definition. */
public class StateMachineInUseException extends RuntimeException {

    public StateMachineInUseException(String name, long unfinished) {
        super("State machine '" + name + "' has " + unfinished + " execution(s) running or awaiting a redrive. "
                + "Stop them (POST /v1/executions/{id}/stop) or let them finish, then delete it.");
    }
}
