package io.stepwise.store;

import java.time.Instant;
import java.util.UUID;

/** Where a newest-first listing of executions stopped: the (start date, id) of its last item. */
public record ExecutionKey(Instant startDate, UUID id) {
}
