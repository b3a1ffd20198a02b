package io.stepwise.worker;

import io.stepwise.asl.model.StateMachine;
import io.stepwise.engine.Decision;
import io.stepwise.engine.HistoryRecorder;
import io.stepwise.engine.Interpreter;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.StateMachineDefinitions;
import io.stepwise.store.StepCompletions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs one claimed step through the interpreter and commits the outcome. */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StateMachineDefinitions definitions;
    private final StepCompletions completions;
    private final Interpreter interpreter = new Interpreter();

    StepRunner(StateMachineDefinitions definitions, StepCompletions completions) {
        this.definitions = definitions;
        this.completions = completions;
    }

    void run(ClaimedStep step) {
        try {
            StateMachine machine = definitions.forExecution(step.executionId());
            HistoryRecorder history = new HistoryRecorder();
            Decision decision = interpreter.run(machine, step.stateName(), step.input(), history);
            completions.complete(step, decision, history);
        } catch (RuntimeException e) {
            // The lease expires and another replica retries the step; nothing is half-applied because
            // the completion is one transaction.
            log.error("Step {} of execution {} could not be completed", step.id(), step.executionId(), e);
        }
    }
}
