package io.stepwise.worker;

import io.stepwise.store.WorkAvailable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Wakes this replica's poller (if it has one) when this replica itself made work ready, after commit. */
@Component
class WakeOnWorkAvailable {

    private final ObjectProvider<StepPoller> poller;

    WakeOnWorkAvailable(ObjectProvider<StepPoller> poller) {
        this.poller = poller;
    }

    @TransactionalEventListener
    void on(WorkAvailable event) {
        poller.ifAvailable(StepPoller::wakeUp);
    }
}
