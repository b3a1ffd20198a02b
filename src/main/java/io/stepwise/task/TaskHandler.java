package io.stepwise.task;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Application code behind a Task state's {@code Resource}. Implement it as a Spring bean; the bean is
 * found by {@link TaskHandlers} under the names it declares in {@link #resources()} and, always, as
 * {@code stepwise:bean:<beanName>}.
 *
 * <p><b>At least once.</b> A handler may run more than once for the same attempt: a worker that lost
 * its lease (it was slow, or its replica died) does not commit, and another replica runs the step
 * again. Only the state transition happens exactly once. Use {@link TaskRequest#idempotencyKey()} to
 * make side effects idempotent.
 *
 * <p><b>Outcome.</b> Return the task's result (any JSON; {@code null} counts as JSON {@code null}), or
 * throw {@link TaskFailure} to fail with an ASL error name that Retry and Catch match. Any other
 * exception fails the task the way AWS Lambda reports a Java exception: error = the exception's fully
 * qualified class name, cause = {@code {"errorMessage": ..., "errorType": ...}} (see
 * {@link TaskFailure#from(Exception)}). {@link Error}s are not converted: they escape to the worker,
 * which leaves the step to be retried after its lease expires.
 *
 * <p><b>Cancellation.</b> When the execution is stopped or the worker loses the step, the run is
 * cancelled: {@link TaskRequest#isCancelled()} turns true and the thread running the handler is
 * interrupted. Block interruptibly (or wait with {@link Cancellation#await(java.time.Duration)}) and
 * stop soon after; whatever a cancelled handler returns or throws is discarded.
 */
public interface TaskHandler {

    /**
     * The exact {@code Resource} strings this handler serves, e.g. {@code "payments:charge"} or a full
     * AWS ARN, so definitions written for AWS can run unchanged. Names starting with {@code stepwise:}
     * are reserved for the built-ins. Empty by default: the handler is then reachable only as
     * {@code stepwise:bean:<beanName>}.
     */
    default Set<String> resources() {
        return Set.of();
    }

    /**
     * Runs the task.
     *
     * @throws TaskFailure to fail with a chosen ASL error and cause
     * @throws Exception anything else fails with the exception's class name as the error
     */
    JsonNode handle(TaskRequest request) throws Exception;
}
