package io.stepwise.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Claims ready steps for a worker, leased for a while so a dead worker's steps can be rescued. */
@Service
public class StepClaims {

    private final StepStore steps;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final WorkObserver observer;

    StepClaims(StepStore steps, Clock clock, ApplicationEventPublisher publisher, WorkObserver observer) {
        this.steps = steps;
        this.clock = clock;
        this.publisher = publisher;
        this.observer = observer;
    }

    /** Claims up to {@code limit} due steps of {@code queue}, highest priority first. */
    @Transactional
    public List<ClaimedStep> claim(String owner, String queue, int limit, Duration lease) {
        Instant now = clock.instant();
        return steps.claimReady(queue, owner, limit, now, now.plus(lease));
    }

    /** The queues that have READY steps, due or not (a poller serving every queue looks here). */
    @Transactional(readOnly = true)
    public List<String> queuesWithWork() {
        return steps.readyQueues();
    }

    /**
     * How long an idle worker may sleep before the next READY step of {@code queues} falls due, at most
     * {@code longest}: zero when one is due already (claimed by another worker a moment ago, or about to be).
     */
    @Transactional(readOnly = true)
    public Duration untilNextDue(List<String> queues, Duration longest) {
        if (queues.isEmpty()) {
            return longest;
        }
        return steps.nextReady(queues).map(runAt -> Duration.between(clock.instant(), runAt))
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
                .filter(wait -> wait.compareTo(longest) < 0).orElse(longest);
    }

    /** Extends the leases of the given running steps of {@code owner}; returns the ids still held. */
    @Transactional
    public List<Long> renew(String owner, Long[] stepIds, Duration lease) {
        List<Long> renewed = steps.renewLeases(owner, stepIds, clock.instant().plus(lease));
        if (renewed.size() == stepIds.length) {
            return renewed;
        }
        // some were locked by a completion in progress (still ours) or are gone (stopped, rescued)
        return steps.stillHeld(owner, stepIds);
    }

    /** Gives a step back untouched (a stopping replica); false when the lease was already lost. */
    @Transactional
    public boolean release(ClaimedStep step) {
        return steps.releaseLeased(step);
    }

    /** Makes steps whose lease expired claimable again (and wakes the pollers); returns how many. */
    @Transactional
    public int rescueExpired(int limit) {
        int rescued = steps.rescueExpired(clock.instant(), limit);
        if (rescued > 0) {
            observer.leasesRescued(rescued);
            publisher.publishEvent(new WorkAvailable());
        }
        return rescued;
    }
}
