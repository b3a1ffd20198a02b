package io.stepwise.observability;

import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Whether this replica's poller started and whether it still claims work, as the worker reported it
 * ({@code WorkObserver.pollerStarted}); read by the readiness check.
 */
@Component
class PollerStatus {

    enum State { NOT_STARTED, POLLING, DRAINING }

    private volatile BooleanSupplier polling;

    void started(BooleanSupplier polling) {
        this.polling = polling;
    }

    State state() {
        BooleanSupplier p = polling;
        if (p == null) {
            return State.NOT_STARTED;
        }
        return p.getAsBoolean() ? State.POLLING : State.DRAINING;
    }
}
