package io.stepwise.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ends executions from outside their own flow: Stop, and the top-level TimeoutSeconds. */
@Service
public class ExecutionControl {

    private final ExecutionStore executions;
    private final StepStore steps;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    ExecutionControl(ExecutionStore executions, StepStore steps, Clock clock, ApplicationEventPublisher publisher) {
        this.executions = executions;
        this.steps = steps;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Stops a running execution: it becomes ABORTED and its steps go, so no further transition can
     * commit (a running handler's completion finds no lease). Replicas running its handlers are told
     * through {@link ExecutionStopped} to cancel them.
     *
     * @return false when the execution had already ended
     * @throws NotFoundException when there is no such execution
     */
    @Transactional
    public boolean stop(UUID id, String error, String cause) {
        executions.byId(id).orElseThrow(() -> new NotFoundException("execution", id.toString()));
        if (!executions.stop(id, error, cause, clock.instant())) {
            return false;
        }
        steps.deleteOfExecution(id);
        publisher.publishEvent(new ExecutionStopped(id));
        return true;
    }

    /** Ends overdue executions as TIMED_OUT; returns how many. */
    @Transactional
    public int timeOutDue(int limit) {
        Instant now = clock.instant();
        List<UUID> timedOut = executions.timeOutDue(now, limit);
        if (!timedOut.isEmpty()) {
            steps.deleteOfExecutions(timedOut.toArray(UUID[]::new));
            timedOut.forEach(id -> publisher.publishEvent(new ExecutionStopped(id)));
        }
        return timedOut.size();
    }
}
