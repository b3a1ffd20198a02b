package io.stepwise.maintenance;

import io.stepwise.store.Callbacks;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Tasks waiting for an answer whose TimeoutSeconds or HeartbeatSeconds came go back to the workers,
 * which time them out under the token's lock (or find the answer that came just before).
 */
@Component
class CallbackDeadlines implements MaintenanceTask {

    private static final int BATCH = 1000;

    private final Callbacks callbacks;

    CallbackDeadlines(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(250);
    }

    @Override
    public void run() {
        while (callbacks.promoteDue(BATCH) == BATCH) {
            // keep going while whole batches come back
        }
    }
}
