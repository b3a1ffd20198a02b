package io.stepwise.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A job to submit, as {@code stepwise.submit_jobs} takes it (db/migration/V17): every field but
 * the shape's type may be null for its default, which the database applies, so that the REST API and SQL
 * callers get the same job from the same request.
 *
 * @param runAt null for now
 * @param uniqueFor seconds after {@code runAt} during which the key stays taken even after the job ended
 * @param traceparent the trace to continue, null for none
 */
public record NewJob(JobShape shape, JsonNode payload, String queue, Integer priority, Instant runAt,
        String uniqueKey, Integer uniqueFor, String traceparent) {

    public String type() {
        return shape.type();
    }
}
