package io.stepwise.api;

import io.stepwise.store.ExecutionRecord;
import java.time.Instant;
import java.util.UUID;

/** An execution in a listing: what it is and how it ended, without its (possibly large) input and output. */
record ExecutionSummary(UUID executionId, String name, String stateMachine, int version, String status,
        Instant startDate, Instant stopDate, int redriveCount) {

    static ExecutionSummary of(ExecutionRecord e) {
        return new ExecutionSummary(e.id(), e.name(), e.stateMachineName(), e.stateMachineVersion(),
                e.status().name(), e.startDate(), e.stopDate(), e.redriveCount());
    }
}
