package io.stepwise.store;

import io.stepwise.engine.Decision;
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
    public boolean complete(ClaimedStep step, Decision decision, HistoryRecorder events) {
        if (!steps.deleteLeased(step.id(), step.leaseToken())) {
            log.warn("Refused completion of step {} of execution {}: its lease {} is no longer held",
                    step.id(), step.executionId(), step.leaseToken());
            return false;
        }
        Instant now = clock.instant();
        if (!events.isEmpty()) {
            history.append(step.executionId(), events.toJson(), now);
        }
        switch (decision) {
            case Decision.Succeeded s -> executions.finish(step.executionId(), ExecutionStatus.SUCCEEDED, s.output(),
                    null, null, now);
            case Decision.Failed f -> executions.finish(step.executionId(), ExecutionStatus.FAILED, null, f.error(),
                    f.cause(), now);
        }
        return true;
    }
}
