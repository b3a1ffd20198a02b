package io.stepwise.maintenance;

import io.stepwise.store.ExecutionControl;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Enforces each execution's top-level TimeoutSeconds. */
@Component
class ExecutionTimeouts implements MaintenanceTask {

    private static final int BATCH = 1000;

    private final ExecutionControl control;

    ExecutionTimeouts(ExecutionControl control) {
        this.control = control;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(500);
    }

    @Override
    public void run() {
        while (control.timeOutDue(BATCH) == BATCH) {
            // keep going while whole batches come back
        }
    }
}
