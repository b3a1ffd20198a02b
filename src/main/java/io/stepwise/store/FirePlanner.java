package io.stepwise.store;

import java.time.Instant;

/** Decides which fires of a due schedule to start now (the cron and catch-up rules live with the caller). */
@FunctionalInterface
public interface FirePlanner {

    FirePlan plan(DueSchedule schedule, Instant now);
}
