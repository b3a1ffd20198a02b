package io.stepwise.worker;

import io.stepwise.store.Signals;
import io.stepwise.store.WorkAvailable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Wakes this replica's poller (if it has one) when any replica made work ready. */
@Component
class WakeOnWorkAvailable {

    private final ObjectProvider<StepPoller> poller;

    WakeOnWorkAvailable(ObjectProvider<StepPoller> poller, Signals signals) {
        this.poller = poller;
        // work made ready by other replicas (LISTEN/NOTIFY)
        signals.onWork(() -> poller.ifAvailable(StepPoller::wakeUp));
    }

    @TransactionalEventListener
    void on(WorkAvailable event) {
        poller.ifAvailable(StepPoller::wakeUp);
    }
}
