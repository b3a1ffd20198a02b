package io.stepwise.worker;

import io.stepwise.store.ClaimedStep;
import io.stepwise.store.StepClaims;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims as many ready steps as this replica has free slots, hands each to a virtual thread, and
 * claims again at once when a batch came back full. Idle, it waits for a wake-up or the poll interval.
 */
@Component
@ConditionalOnProperty(name = "stepwise.worker.enabled", havingValue = "true", matchIfMissing = true)
class StepPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StepPoller.class);

    private final StepClaims claims;
    private final StepRunner runner;
    private final WorkerProperties properties;
    private final InFlightSteps inFlight;
    private final String owner;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private boolean wakeRequested;
    private Thread pollerThread;
    private ExecutorService executor;

    StepPoller(StepClaims claims, StepRunner runner, WorkerProperties properties, InFlightSteps inFlight) {
        this.claims = claims;
        this.runner = runner;
        this.properties = properties;
        this.inFlight = inFlight;
        this.owner = inFlight.owner();
        this.slots = new Semaphore(properties.slots());
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
        log.info("Stepwise worker {} started with {} slots", owner, properties.slots());
    }

    /** Steps this poller has claimed since start (tests check that work spread over replicas). */
    private final AtomicLong claimed = new AtomicLong();

    long claimed() {
        return claimed.get();
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
                List<ClaimedStep> batch = claims.claim(owner, free, properties.lease());
                claimed.addAndGet(batch.size());
                for (ClaimedStep step : batch) {
                    slots.acquire();
                    executor.execute(() -> {
                        try {
                            runner.run(step);
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (batch.size() < free) {
                    awaitWork();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Claiming steps failed; retrying after the poll interval", e);
                awaitWorkQuietly();
            }
        }
    }

    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            if (!wakeRequested && running) {
                wake.await(properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
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
