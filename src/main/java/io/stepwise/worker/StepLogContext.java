package io.stepwise.worker;

import io.stepwise.store.ClaimedStep;
import org.slf4j.MDC;

/**
 * Puts the step's execution id, state machine and state into the logging MDC for as long as its run
 * lasts, so every log line of a run (ours and a task handler's) says which execution it belongs to.
 * The state is the one the step started at; states run in-line after it share the step's lines.
 */
final class StepLogContext implements AutoCloseable {

    static final String EXECUTION_ID = "executionId";
    static final String STATE_MACHINE = "stateMachine";
    static final String STATE = "state";

    private StepLogContext() {
    }

    static StepLogContext of(ClaimedStep step) {
        MDC.put(EXECUTION_ID, step.executionId().toString());
        MDC.put(STATE_MACHINE, step.execution().stateMachineName());
        MDC.put(STATE, step.stateName());
        return new StepLogContext();
    }

    @Override
    public void close() {
        MDC.remove(EXECUTION_ID);
        MDC.remove(STATE_MACHINE);
        MDC.remove(STATE);
    }
}
