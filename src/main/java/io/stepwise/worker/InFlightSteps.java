package io.stepwise.worker;

import io.stepwise.store.ClaimedStep;
import io.stepwise.task.Cancellation;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The steps this replica is running right now, with a way to cancel each one's handler. The lease
 * keeper renews their leases in one statement; stop and shutdown cancel them.
 */
@Component
class InFlightSteps {

    private record Running(ClaimedStep step, Cancellation cancellation) {
    }

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** This replica's name in lease_owner. */
    String owner() {
        return owner;
    }

    Cancellation register(ClaimedStep step) {
        Cancellation cancellation = new Cancellation();
        running.put(step.id(), new Running(step, cancellation));
        return cancellation;
    }

    /** Forgets this run of the step, not a newer run of it that was claimed in the meantime. */
    void release(ClaimedStep step) {
        running.computeIfPresent(step.id(),
                (id, r) -> r.step().leaseToken().equals(step.leaseToken()) ? null : r);
    }

    Long[] ids() {
        return running.keySet().toArray(Long[]::new);
    }

    int size() {
        return running.size();
    }

    void cancelStep(long stepId) {
        Running r = running.get(stepId);
        if (r != null) {
            r.cancellation().cancel();
        }
    }

    /** Tells every running handler of the execution to stop (a Stop of the execution, seen locally). */
    void cancelExecution(UUID executionId) {
        running.values().stream().filter(r -> r.step().executionId().equals(executionId))
                .forEach(r -> r.cancellation().cancel());
    }

    /** Shutdown: cancel what still runs after the grace period; those steps are released, not failed. */
    void cancelAllForShutdown() {
        shuttingDown = true;
        running.values().forEach(r -> r.cancellation().cancel());
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }
}
