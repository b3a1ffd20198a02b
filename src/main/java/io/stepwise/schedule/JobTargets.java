package io.stepwise.schedule;

import io.stepwise.asl.Json;
import io.stepwise.store.BadRequestException;
import io.stepwise.jobs.Jobs;
import io.stepwise.store.JobRecords;
import io.stepwise.store.JobShape;
import io.stepwise.store.Namespace;
import io.stepwise.store.NewJob;
import io.stepwise.store.ScheduledJobs;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A schedule's job target, submitted through the jobs door ({@link Jobs#submit}) at each fire. The job
 * is the body {@code POST /v1/jobs} takes, checked by the API when the schedule was put; the schedule
 * sets what depends on the fire: {@code runAt} (the fire, plus the job's {@code delaySeconds}) and the
 * unique key (the fire's execution name, held for a day), so a repeated fire finds its job.
 */
@Component
class JobTargets implements ScheduledJobs {

    /** How long a fire's unique key stays taken after the job ran: far longer than any repeat of a fire. */
    static final int UNIQUE_FOR_SECONDS = 86_400;

    private final Jobs jobs;

    JobTargets(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public JobStart submit(Namespace namespace, JsonNode job, String uniqueKey, Instant fire) {
        try {
            JobRecords.Submitted submission = jobs.submit(newJob(namespace, job, uniqueKey, fire));
            return new JobStart(submission.job().id(), submission.created(), null);
        } catch (BadRequestException e) {
            return new JobStart(null, false, "target.job" + e.pointer() + ": " + e.getMessage());
        }
    }

    static NewJob newJob(Namespace namespace, JsonNode job, String uniqueKey, Instant fire) {
        JsonNode backoff = job.path("backoff");
        Integer delay = integer(job, "delaySeconds");
        JsonNode payload = job.path("payload");
        var shape = new JobShape(job.path("type").asString(), integer(job, "maxAttempts"),
                integer(backoff, "initialSeconds"), backoff.hasNonNull("rate") ? backoff.get("rate").decimalValue()
                        : null, integer(backoff, "maxSeconds"), text(backoff, "jitter"), integer(job, "timeoutSeconds"));
        return new NewJob(shape, payload.isMissingNode() || payload.isNull() ? Json.NODES.objectNode() : payload,
                text(job, "queue"), integer(job, "priority"), delay == null ? fire : fire.plusSeconds(delay), uniqueKey,
                UNIQUE_FOR_SECONDS, null, namespace);
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).intValue() : null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }
}
