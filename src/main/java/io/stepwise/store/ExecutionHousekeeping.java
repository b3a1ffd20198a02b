package io.stepwise.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the maintenance leader does to executions: ends the overdue ones, deletes the old finished ones. */
@Service
public class ExecutionHousekeeping {

    private final ExecutionStore executions;
    private final StepStore steps;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final WorkObserver observer;

    private final Callbacks callbacks;

    ExecutionHousekeeping(ExecutionStore executions, StepStore steps, Clock clock, ApplicationEventPublisher publisher,
            Callbacks callbacks, WorkObserver observer) {
        this.callbacks = callbacks;
        this.observer = observer;
        this.executions = executions;
        this.steps = steps;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** Deletes up to {@code limit} executions that finished before {@code cutoff}, with their history. */
    @Transactional
    public int pruneFinishedBefore(Instant cutoff, int limit) {
        return executions.pruneFinished(cutoff, limit);
    }

    /** Ends overdue executions as TIMED_OUT; returns how many. */
    @Transactional
    public int timeOutDue(int limit) {
        Instant now = clock.instant();
        List<UUID> timedOut = executions.timeOutDue(now, limit);
        if (!timedOut.isEmpty()) {
            steps.cancelOfExecutions(timedOut.toArray(UUID[]::new));
            callbacks.cancelOfExecutions(timedOut.toArray(UUID[]::new));
            timedOut.forEach(id -> publisher.publishEvent(new ExecutionStopped(id)));
            observer.executionsTimedOut(timedOut.size());
        }
        return timedOut.size();
    }
}
