package io.stepwise.store;

/** A start named like an existing execution of the same state machine, but with another input. */
public class ExecutionConflictException extends RuntimeException {

    public ExecutionConflictException(String stateMachine, String name) {
        super("Execution '" + name + "' of state machine '" + stateMachine
                + "' already exists with a different input. Choose another name, or start it with the same input.");
    }
}
