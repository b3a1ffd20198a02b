package io.stepwise.store;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job as stored: its own row, its execution and its step. {@code status} is one of the job statuses of
 * docs/jobs.md ({@code stepwise.job_status}); {@code attempt} counts the attempts started so far.
 */
public record JobRecord(UUID id, String type, String queue, int priority, String status, int attempt,
        JsonNode payload, JsonNode output, String error, String cause, Instant createdAt, Instant runAt,
        Instant finishedAt, String uniqueKey) {
}
