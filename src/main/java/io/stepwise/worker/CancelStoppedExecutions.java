package io.stepwise.worker;

import io.stepwise.store.ExecutionStopped;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Cancels this replica's running handlers of a stopped execution. Handlers on other replicas learn at
 * their next heartbeat or completion, which the missing step refuses.
 */
@Component
class CancelStoppedExecutions {

    private final InFlightSteps inFlight;

    CancelStoppedExecutions(InFlightSteps inFlight) {
        this.inFlight = inFlight;
    }

    @TransactionalEventListener
    void on(ExecutionStopped event) {
        inFlight.cancelExecution(event.executionId());
    }
}
