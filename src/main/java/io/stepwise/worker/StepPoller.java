package io.stepwise.worker;

import io.stepwise.store.ClaimedStep;
import io.stepwise.store.StepClaims;
import io.stepwise.store.WorkObserver;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims as many ready steps as this replica has free slots, hands each to a virtual thread, and
 * claims again at once when a batch came back full. Idle, it waits for a wake-up or the poll interval.
 * The free slots are shared among the queues it serves ({@link ServedQueues}): each queue of a round
 * may take an equal part of what the queues before it left, so a deep queue cannot starve the others.
 */
@Component
@ConditionalOnProperty(name = "stepwise.worker.enabled", havingValue = "true", matchIfMissing = true)
class StepPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StepPoller.class);

    private final StepClaims claims;
    private final StepRunner runner;
    private final WorkerProperties properties;
    private final InFlightSteps inFlight;
    private final WorkObserver observer;
    private final Clock clock;
    private final String owner;
    private final Semaphore slots;
    private final ServedQueues queues;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private boolean wakeRequested;
    private Thread pollerThread;
    private ExecutorService executor;

    StepPoller(StepClaims claims, StepRunner runner, WorkerProperties properties, InFlightSteps inFlight,
            WorkObserver observer, Clock clock) {
        this.observer = observer;
        this.clock = clock;
        this.claims = claims;
        this.runner = runner;
        this.properties = properties;
        this.inFlight = inFlight;
        this.owner = inFlight.owner();
        this.slots = new Semaphore(properties.slots());
        this.queues = new ServedQueues(properties, claims);
    }

    /** Asks an idle poller to claim now instead of at its next interval. */
    void wakeUp() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        pollerThread = Thread.ofPlatform().name("stepwise-poller").daemon().start(this::pollLoop);
        observer.pollerStarted(properties.slots(), () -> properties.slots() - slots.availablePermits(),
                () -> running);
        log.info("Stepwise worker {} started with {} slots, serving {}", owner, properties.slots(), queues.describe());
    }

    /** Steps this poller has claimed since start (tests check that work spread over replicas). */
    private final AtomicLong claimed = new AtomicLong();

    long claimed() {
        return claimed.get();
    }

    /**
     * How long a new replica took from its JVM's start to its first claimed step: what a cold pod costs
     * when Kubernetes adds one for a backlog (docs/performance.md, "Cold replicas"; the image's class
     * data archive is there to shorten it).
     */
    private void logFirstClaim() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info("Stepwise worker {} claimed its first steps {} ms after the JVM started", owner,
                clock.millis() - jvmStart);
    }

    private void pollLoop() {
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free == 0) {
                    if (slots.tryAcquire(properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                        slots.release();
                    }
                    continue;
                }
                Round round = claimRound(queues.nextRound(), free);
                if (!round.more()) {
                    awaitWork(untilMoreWork(round));
                    queues.markStale();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Claiming steps failed; retrying after the poll interval", e);
                awaitWorkQuietly();
                queues.markStale();
            }
        }
    }

    /**
     * One claim from each queue of the round: an equal part of the slots the queues before it left over.
     * @return whether to claim again at once (some queue gave all it was asked for: it may have more);
     *         else how long to wait at most, for the queues that their limits held back
     */
    private Round claimRound(List<String> round, int free) throws InterruptedException {
        int left = free;
        boolean more = false;
        Duration heldFor = null;
        List<String> unheld = new ArrayList<>(round.size());
        for (int i = 0; i < round.size() && left > 0; i++) {
            int share = Math.ceilDiv(left, round.size() - i);
            long claimStart = System.nanoTime();
            StepClaims.Claim claim = claims.claim(owner, round.get(i), share, properties.lease(),
                    properties.timerLookahead());
            List<ClaimedStep> batch = claim.steps();
            Instant claimedAt = clock.instant();
            observer.stepsClaimed(share, batch, System.nanoTime() - claimStart, claimedAt);
            if (claimed.getAndAdd(batch.size()) == 0 && !batch.isEmpty()) {
                logFirstClaim();
            }
            if (!batch.isEmpty()) {
                dueOutOfReach = 0;
            }
            for (ClaimedStep step : batch) {
                slots.acquire();
                executor.execute(() -> {
                    try {
                        awaitDue(step, claimedAt);
                        runner.run(step);
                    } finally {
                        slots.release();
                    }
                });
            }
            more |= batch.size() == share;
            left -= batch.size();
            if (claim.retryIn() == null) {
                unheld.add(round.get(i));
            } else if (heldFor == null || claim.retryIn().compareTo(heldFor) < 0) {
                heldFor = claim.retryIn();
            }
        }
        return new Round(more, unheld, heldFor);
    }

    /**
     * A step claimed ahead of its due time ({@code stepwise.worker.timer-lookahead}) starts at that time,
     * never before: its virtual thread parks until then. Bounded by the lookahead measured on the JVM's
     * own timer, so a clock moved meanwhile cannot hold a slot longer. Its pickup is measured when it
     * starts (a step due when claimed was measured with the claim).
     */
    private void awaitDue(ClaimedStep step, Instant claimedAt) {
        if (!step.claimedAhead(claimedAt)) {
            return;
        }
        long early = Math.min(Duration.between(clock.instant(), step.runAt()).toNanos(),
                properties.timerLookahead().toNanos());
        long until = System.nanoTime() + early;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        observer.stepDue(step, clock.instant());
    }

    /** @param heldFor the soonest a queue held back by its limits may give more; null when none was */
    private record Round(boolean more, List<String> unheld, Duration heldFor) {
    }

    /** Until a queue's step falls due, or a held-back queue may give more, whichever comes first. */
    private Duration untilMoreWork(Round round) {
        Duration due = untilNextDue(round.unheld());
        return round.heldFor() != null && round.heldFor().compareTo(due) < 0 ? round.heldFor() : due;
    }

    /**
     * Until the next READY step falls due (a Wait ending, a retry's backoff), so timers fire on time
     * rather than at the next poll; never longer than the poll interval, which still catches what the
     * database cannot announce. A step that fell due between our claim and this look (or that another
     * worker is claiming right now) is tried again after {@link #DUE_RETRY}, doubling while it stays
     * out of reach (a row lock held elsewhere) up to the poll interval, so nothing spins.
     */
    private static final Duration DUE_RETRY = Duration.ofMillis(5);

    /** Looks in a row that found a due step out of reach; only the poller thread touches it. */
    private int dueOutOfReach;

    private Duration untilNextDue(List<String> round) {
        Duration wait = claims.untilNextDue(round, properties.pollInterval());
        if (wait.equals(properties.pollInterval())) {
            dueOutOfReach = 0;
            return wait;
        }
        // wake when the next step comes within the lookahead: the claim takes it early, its runner waits
        Duration untilClaimable = wait.minus(properties.timerLookahead());
        if (untilClaimable.isPositive()) {
            dueOutOfReach = 0;
            return untilClaimable;
        }
        Duration retry = DUE_RETRY.multipliedBy(1L << Math.min(dueOutOfReach++, 10));
        return retry.compareTo(properties.pollInterval()) < 0 ? retry : properties.pollInterval();
    }

    private void awaitWork() throws InterruptedException {
        awaitWork(properties.pollInterval());
    }

    private void awaitWork(Duration longest) throws InterruptedException {
        lock.lock();
        try {
            if (!wakeRequested && running) {
                wake.await(longest.toNanos(), TimeUnit.NANOSECONDS);
            }
            wakeRequested = false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWorkQuietly() {
        try {
            awaitWork();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        // not interrupted: a claim in flight must finish, or its steps would sit leased until rescued
        try {
            if (pollerThread != null) {
                pollerThread.join(properties.shutdownGrace().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                // past the grace period: stop the handlers; their steps are handed back for others to run
                inFlight.cancelAllForShutdown();
                executor.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.cancelAllForShutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
