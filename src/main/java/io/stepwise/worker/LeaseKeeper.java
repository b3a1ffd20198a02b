package io.stepwise.worker;

import io.stepwise.store.StepClaims;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of every step this replica runs, in one statement every third of the lease, so
 * a long task keeps its step while a dead replica's steps expire and get rescued.
 */
@Component
@ConditionalOnProperty(name = "stepwise.worker.enabled", havingValue = "true", matchIfMissing = true)
class LeaseKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final StepClaims claims;
    private final InFlightSteps inFlight;
    private final Duration lease;
    private ScheduledExecutorService scheduler;

    LeaseKeeper(StepClaims claims, InFlightSteps inFlight, WorkerProperties properties) {
        this.claims = claims;
        this.inFlight = inFlight;
        this.lease = properties.lease();
    }

    void renewNow() {
        Long[] ids = inFlight.ids();
        if (ids.length > 0) {
            Set<Long> held = new HashSet<>(claims.renew(inFlight.owner(), ids, lease));
            for (Long id : ids) {
                if (!held.contains(id)) {
                    inFlight.cancelStep(id); // stopped, timed out or rescued elsewhere: its result cannot commit
                }
            }
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stepwise-lease-keeper").daemon().factory());
        long period = Math.max(lease.toMillis() / 3, 100);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                renewNow();
            } catch (RuntimeException e) {
                log.warn("Renewing step leases failed; retrying in {} ms", period, e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
