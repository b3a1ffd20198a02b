package io.stepwise.worker;

import io.stepwise.store.ExecutionStopped;
import io.stepwise.store.Signals;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Cancels this replica's running handlers of a stopped execution: stops made here at once, stops made
 * on other replicas through NOTIFY, and any missed notification at the next lease renewal.
 */
@Component
class CancelStoppedExecutions {

    private final InFlightSteps inFlight;

    CancelStoppedExecutions(InFlightSteps inFlight, Signals signals) {
        this.inFlight = inFlight;
        signals.onStop(inFlight::cancelExecution); // stops issued on other replicas
    }

    @TransactionalEventListener
    void on(ExecutionStopped event) {
        inFlight.cancelExecution(event.executionId());
    }
}
