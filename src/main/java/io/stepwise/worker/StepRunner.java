package io.stepwise.worker;

import io.stepwise.engine.ExecutionContext;
import io.stepwise.engine.Frame;
import io.stepwise.engine.HistoryRecorder;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Outcome;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.StateMachineDefinitions;
import io.stepwise.store.StepCompletions;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs one claimed step through the interpreter and commits the outcome. */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StateMachineDefinitions definitions;
    private final StepCompletions completions;
    private final Interpreter interpreter;
    private final Clock clock;

    StepRunner(StateMachineDefinitions definitions, StepCompletions completions, Interpreter interpreter, Clock clock) {
        this.definitions = definitions;
        this.completions = completions;
        this.interpreter = interpreter;
        this.clock = clock;
    }

    void run(ClaimedStep step) {
        try {
            var pinned = definitions.forExecution(step.executionId());
            ExecutionRecord e = pinned.execution();
            var context = new ExecutionContext(e.id().toString(), e.name(), e.input(), e.startDate(),
                    e.stateMachineName() + ":" + e.stateMachineVersion(), e.stateMachineName(), e.redriveCount(),
                    null);
            HistoryRecorder history = new HistoryRecorder();
            Outcome outcome = interpreter.enter(new Frame(pinned.machine(), context, Map.of(), null),
                    step.stateName(), step.input(), clock.instant(), history);
            switch (outcome) {
                case Outcome.Ended ended -> completions.complete(step, ended, history);
                case Outcome.Failed failed -> completions.fail(step, failed, history);
                default -> completions.fail(step, new Outcome.Failed("States.Runtime", "The durable engine cannot run "
                        + outcome.getClass().getSimpleName() + " outcomes yet (Task, Wait, Parallel and Map states)."),
                        history);
            }
        } catch (RuntimeException e) {
            // The lease expires and another replica retries the step; nothing is half-applied because
            // the completion is one transaction.
            log.error("Step {} of execution {} could not be completed", step.id(), step.executionId(), e);
        }
    }
}
