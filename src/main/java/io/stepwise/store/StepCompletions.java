package io.stepwise.store;

import io.stepwise.engine.Outcome;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.HistoryRecorder;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Commits what a worker decided for a claimed step: exactly once, guarded by the step's lease. */
@Service
public class StepCompletions {

    private static final Logger log = LoggerFactory.getLogger(StepCompletions.class);

    private final StepStore steps;
    private final ExecutionStore executions;
    private final HistoryStore history;
    private final Clock clock;

    StepCompletions(StepStore steps, ExecutionStore executions, HistoryStore history, Clock clock) {
        this.steps = steps;
        this.executions = executions;
        this.history = history;
        this.clock = clock;
    }

    /** @return false when the lease was lost and nothing was applied */
    @Transactional
    public boolean complete(ClaimedStep step, Outcome.Ended ended, HistoryRecorder events) {
        return finish(step, ExecutionStatus.SUCCEEDED, ended.output(), null, null, events);
    }

    /** @return false when the lease was lost and nothing was applied */
    @Transactional
    public boolean fail(ClaimedStep step, Outcome.Failed failed, HistoryRecorder events) {
        return finish(step, ExecutionStatus.FAILED, null, failed.error(), failed.cause(), events);
    }

    private boolean finish(ClaimedStep step, ExecutionStatus status, tools.jackson.databind.JsonNode output,
            String error, String cause, HistoryRecorder events) {
        if (!steps.deleteLeased(step.id(), step.leaseToken())) {
            log.warn("Refused completion of step {} of execution {}: its lease {} is no longer held",
                    step.id(), step.executionId(), step.leaseToken());
            return false;
        }
        Instant now = clock.instant();
        if (!events.isEmpty()) {
            history.append(step.executionId(), events.toJson(), now);
        }
        executions.finish(step.executionId(), status, output, error, cause, now);
        return true;
    }
}
