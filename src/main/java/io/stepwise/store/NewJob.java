package io.stepwise.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A job to submit, as {@code stepwise.submit_jobs} takes it (db/migration/V17, V18): every field but
 * the shape's type may be null for its default, which the database applies, so that the REST API and SQL
 * callers get the same job from the same request.
 *
 * @param queue the queue's name in the job's namespace (the database stores its key)
 * @param runAt null for now
 * @param uniqueFor seconds after {@code runAt} during which the key stays taken even after the job ended
 * @param traceparent the trace to continue, null for none
 * @param namespace the job's (its unique key is held there, its queue is that namespace's)
 */
public record NewJob(JobShape shape, JsonNode payload, String queue, Integer priority, Instant runAt,
        String uniqueKey, Integer uniqueFor, String traceparent, Namespace namespace) {

    public NewJob {
        namespace = namespace == null ? Namespace.DEFAULT : namespace;
    }

    public String type() {
        return shape.type();
    }

    NewJob traced(String traceparent) {
        return new NewJob(shape, payload, queue, priority, runAt, uniqueKey, uniqueFor, traceparent, namespace);
    }
}
