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
    private final QueueStore queues;
    private final QueueLimits limits;
    private final IndexPlans indexPlans;

    StepClaims(StepStore steps, Clock clock, ApplicationEventPublisher publisher, WorkObserver observer,
            QueueStore queues, QueueLimits limits, IndexPlans indexPlans) {
        this.indexPlans = indexPlans;
        this.queues = queues;
        this.limits = limits;
        this.steps = steps;
        this.clock = clock;
        this.publisher = publisher;
        this.observer = observer;
    }

    /**
     * What one claim from a queue gave: {@code steps}, and, when the queue's limits (a pause, its
     * concurrency, its rate) held back due steps, {@code retryIn}: when asking again may give more (the
     * next token of a rate limit, a short recheck for a full concurrency, long for a pause); null when
     * nothing was held back.
     */
    public record Claim(List<ClaimedStep> steps, Duration retryIn) {

        static Claim unlimited(List<ClaimedStep> steps) {
            return new Claim(steps, null);
        }
    }

    /** How soon a queue held back by its concurrency is asked again: its running steps end any moment. */
    static final Duration CONCURRENCY_RECHECK = Duration.ofMillis(50);
    /** A paused queue is asked again at the poller's interval at most (a resume wakes the pollers too). */
    static final Duration PAUSED_RECHECK = Duration.ofDays(1);

    /**
     * Claims up to {@code limit} steps of {@code queue} due within {@code lookahead} (their runner waits for
     * the due time), highest priority first. An unlimited queue
     * costs one claiming statement (StepClaimReady), after PlanByIndexes (IndexPlans: the claim joins the
     * execution row, which must stay a primary-key lookup whatever the statistics say). A limited one locks
     * its catalog row and refills its tokens (QueueTakeForClaim), so its claims on all replicas take turns,
     * counts its running steps after the lock (QueueRunningCount), claims at most what its concurrency and
     * tokens allow, and spends the tokens (QueueSpendTokens): up to four statements more, for limited
     * queues only.
     */
    @Transactional
    public Claim claim(String owner, String queue, int limit, Duration lease, Duration lookahead) {
        indexPlans.forThisTransaction();
        Instant now = clock.instant();
        Instant dueBy = now.plus(lookahead);
        if (!limits.isLimited(queue)) {
            return Claim.unlimited(steps.claimReady(queue, false, owner, limit, dueBy, now.plus(lease)));
        }
        var taken = queues.takeForClaim(queue, now);
        if (taken.isEmpty()) { // the row is gone: unlimited now
            limits.changed();
            return Claim.unlimited(steps.claimReady(queue, false, owner, limit, dueBy, now.plus(lease)));
        }
        QueueStore.Allowance allowance = taken.get();
        if (allowance.paused()) {
            return new Claim(List.of(), allowance.hasDue() ? PAUSED_RECHECK : null);
        }
        int byTokens = allowance.tokens() == null ? limit : (int) Math.min(limit, Math.floor(allowance.tokens()));
        int asked = allowance.concurrency() == null || byTokens == 0 ? byTokens
                : Math.min(byTokens, allowance.concurrency() - queues.running(queue, allowance.concurrency()));
        List<ClaimedStep> claimed = asked <= 0 ? List.of()
                : steps.claimReady(queue, true, owner, asked, dueBy, now.plus(lease));
        if (allowance.tokens() != null && !claimed.isEmpty()) {
            queues.spendTokens(queue, claimed.size());
        }
        if (!allowance.hasDue() || claimed.size() == limit) {
            return new Claim(claimed, null);
        }
        boolean outOfTokens = allowance.tokens() != null && claimed.size() == byTokens;
        return new Claim(claimed, outOfTokens ? allowance.untilNextToken(byTokens) : CONCURRENCY_RECHECK);
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
