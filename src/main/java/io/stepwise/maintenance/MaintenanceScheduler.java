package io.stepwise.maintenance;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link MaintenanceTask} bean at its interval, on one thread, while this replica is the
 * leader; on other replicas the tasks' turns pass without running them. One thread keeps the load that
 * maintenance puts on the database predictable: tasks never overlap, not even with themselves.
 */
@Component
@ConditionalOnProperty(name = "stepwise.maintenance.enabled", havingValue = "true", matchIfMissing = true)
class MaintenanceScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceScheduler.class);

    private final LeaderElection election;
    private final List<MaintenanceTask> tasks;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    MaintenanceScheduler(LeaderElection election, List<MaintenanceTask> tasks) {
        this.election = election;
        this.tasks = List.copyOf(tasks);
    }

    /** @return whether the task ran (this replica leads) */
    boolean runIfLeader(MaintenanceTask task) {
        if (!election.isLeader()) {
            return false;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Maintenance task {} failed; it runs again in {}", task.getClass().getName(), task.interval(), e);
        }
        return true;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stepwise-maintenance").daemon().factory());
        for (MaintenanceTask task : tasks) {
            long every = task.interval().toNanos();
            executor.scheduleWithFixedDelay(() -> runIfLeader(task), every, every, TimeUnit.NANOSECONDS);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            // a task in the middle of a batch finishes it; the lease outlives this wait
            if (!executor.awaitTermination(election.trustWindow().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LeaderElection.PHASE + 1;
    }
}
