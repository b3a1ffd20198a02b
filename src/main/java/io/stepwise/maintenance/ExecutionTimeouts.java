package io.stepwise.maintenance;

import io.stepwise.store.ExecutionHousekeeping;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Enforces each execution's top-level TimeoutSeconds. */
@Component
class ExecutionTimeouts implements MaintenanceTask {

    private static final int BATCH = 1000;

    private final ExecutionHousekeeping housekeeping;

    ExecutionTimeouts(ExecutionHousekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(500);
    }

    @Override
    public void run() {
        while (housekeeping.timeOutDue(BATCH) == BATCH) {
            // keep going while whole batches come back
        }
    }
}
