package io.stepwise.schedule;

import io.stepwise.store.ScheduleFires;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The firing loop, one thread per replica: fire every due schedule (one transaction each, see
 * {@link ScheduleFires}), then sleep until the earliest next fire, but never longer than
 * {@code stepwise.schedules.max-sleep}, so a schedule created on another replica is seen within that
 * long; one created here wakes the loop at once. Sleeping until the instant, rather than polling every
 * so often, is what makes fires start within milliseconds of their time. Every replica runs it; the
 * row locks decide which one fires what.
 */
@Component
@ConditionalOnProperty(name = "stepwise.schedules.enabled", havingValue = "true", matchIfMissing = true)
class ScheduleFiring implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);
    /** How long to wait when a due schedule is locked by another replica, which commits in milliseconds. */
    private static final Duration HELD_ELSEWHERE = Duration.ofMillis(20);
    /** How long to wait after the database failed us. */
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    private final ScheduleFires fires;
    private final Clock clock;
    private final ScheduleProperties properties;
    private final FireTimes planner;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    ScheduleFiring(ScheduleFires fires, Clock clock, ScheduleProperties properties) {
        this.fires = fires;
        this.clock = clock;
        this.properties = properties;
        this.planner = new FireTimes(properties.misfireGrace(), properties.maxCatchUp());
    }

    /** Executions this replica started for schedules since it began. */
    long started() {
        return started.get();
    }

    /** Fires this replica found started already (the execution of that name existed): 0 unless a lock failed. */
    long repeated() {
        return repeated.get();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(ScheduleChanged change) {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("stepwise-schedules").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        try {
            // a fire in progress commits or rolls back within its transaction
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            Duration sleep;
            // a change made from here on cuts the coming sleep short
            wakeUps.drainPermits();
            try {
                fireDue();
                sleep = untilNextLook();
            } catch (RuntimeException e) {
                log.warn("Schedules could not be fired; trying again in {}: {}", AFTER_FAILURE, e.toString());
                sleep = AFTER_FAILURE;
            }
            try {
                wakeUps.tryAcquire(sleep.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fireDue() {
        while (running) {
            Instant now = clock.instant();
            Optional<ScheduleFires.Pass> pass;
            try {
                pass = fires.fireNext(now, planner);
            } catch (TransientDataAccessException | DataAccessResourceFailureException
                    | CannotCreateTransactionException databaseTrouble) {
                throw databaseTrouble;
            } catch (RuntimeException e) {
                // something about this schedule (its transaction rolled back): move it on, keep the reason
                pass = fires.skipNext(now, planner, e.toString());
            }
            if (pass.isEmpty()) {
                return;
            }
            started.addAndGet(pass.get().started());
            repeated.addAndGet(pass.get().repeated());
            if (pass.get().error() != null) {
                log.warn("Schedule '{}' fired but started nothing: {}", pass.get().schedule(), pass.get().error());
            }
        }
    }

    /** Until the earliest next fire, at most max-sleep; a little when a due one is held by another replica. */
    private Duration untilNextLook() {
        Optional<Instant> next = fires.nextDue();
        if (next.isEmpty()) {
            return properties.maxSleep();
        }
        Duration until = Duration.between(clock.instant(), next.get());
        if (!until.isPositive()) {
            return HELD_ELSEWHERE;
        }
        return until.compareTo(properties.maxSleep()) < 0 ? until : properties.maxSleep();
    }
}
