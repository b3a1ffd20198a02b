package io.stepwise.maintenance;

import java.time.Duration;

/**
 * Background work that only one replica should do at a time (rescue expired step leases, time out
 * executions, prune old ones). Declare it as a bean; {@link MaintenanceScheduler} runs it on the
 * current leader.
 */
public interface MaintenanceTask {

    /** The pause between the end of one run and the start of the next. */
    Duration interval();

    /**
     * One round of work. Runs only while this replica is the leader, one task at a time. Work that
     * takes longer than a renew interval should check {@link LeaderElection#isLeader()} between
     * batches and stop when it turns false. An exception is logged and the task runs again next time.
     */
    void run();
}
