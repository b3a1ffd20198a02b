package io.stepwise.store;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Submits the job of a schedule's fire (the jobs door lies above the store: schedule.JobTargets). The
 * job commits on its own; {@code uniqueKey} (the fire's execution name) makes a fire repeated after a
 * rolled-back pass find the job it submitted instead of a second one.
 */
public interface ScheduledJobs {

    /** The job (whose id is its execution's), whether this call created it; or why there is none. */
    record JobStart(UUID id, boolean created, String error) {
    }

    /** Submits the job in {@code namespace} (the schedule's), where its unique key is held. */
    JobStart submit(Namespace namespace, JsonNode job, String uniqueKey, Instant fire);
}
