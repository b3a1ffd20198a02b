package io.stepwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stepwise.store.JobRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job (docs/jobs.md): its id is its execution's id; {@code result} is the task's result once it succeeded,
 * {@code error}/{@code cause} its failure; {@code attempt} counts the attempts started so far.
 */
@Schema(example = ApiExamples.JOB)
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobResponse(UUID id, String type, String queue, int priority, String status, int attempt, JsonNode payload,
        JsonNode result, String error, String cause, Instant createdAt, Instant runAt, Instant finishedAt,
        String uniqueKey) {

    static JobResponse of(JobRecord job) {
        return new JobResponse(job.id(), job.type(), job.queue(), job.priority(), job.status(), job.attempt(),
                job.payload(), job.output(), job.error(), job.cause(), job.createdAt(), job.runAt(),
                job.finishedAt(), job.uniqueKey());
    }
}
