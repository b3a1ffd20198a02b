package io.stepwise.worker;

import io.stepwise.asl.ErrorNames;
import io.stepwise.engine.Outcome;
import io.stepwise.engine.TaskResult;
import io.stepwise.task.Cancellation;
import io.stepwise.task.IdempotencyKey;
import io.stepwise.task.TaskHandlers;
import io.stepwise.task.TaskOutcome;
import io.stepwise.task.TaskRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs a Task state's handler on the calling (virtual) thread, outside any transaction, and enforces
 * TimeoutSeconds and HeartbeatSeconds: a watchdog cancels the handler when either runs out, and the
 * task fails with States.Timeout or States.HeartbeatTimeout. Heartbeats only move an in-memory
 * deadline; they never write to the database.
 */
@Component
class TaskExecutor implements AutoCloseable {

    private final TaskHandlers handlers;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stepwise-task-watchdog").daemon().factory());

    TaskExecutor(TaskHandlers handlers) {
        this.handlers = handlers;
    }

    TaskResult execute(IdempotencyKey key, Outcome.RunTask task, JsonNode context, Cancellation stepCancellation,
            String traceparent) {
        // this task's own cancellation: its timeout must not cancel later tasks of the same step
        Cancellation cancellation = stepCancellation.child();
        AtomicReference<String> expiredBy = new AtomicReference<>();
        var deadlines = new Deadlines(task, cancellation, expiredBy);
        var request = new TaskRequest(task.resource(), task.taskInput(), context, key, deadlines::heartbeat,
                cancellation, task.timeoutSeconds() == null ? null : Duration.ofSeconds(task.timeoutSeconds()),
                traceparent);
        try {
            TaskOutcome outcome = handlers.invoke(request);
            return switch (outcome) {
                case TaskOutcome.Succeeded s -> new TaskResult.Success(s.output());
                case TaskOutcome.Failed f -> new TaskResult.Failure(f.error(), f.cause());
                case TaskOutcome.Cancelled c -> expiredBy.get() != null
                        ? new TaskResult.Failure(expiredBy.get(), null)
                        : new TaskResult.Failure(ErrorNames.TASK_FAILED, "The task was cancelled.");
            };
        } finally {
            deadlines.cancel();
            stepCancellation.release(cancellation);
        }
    }

    /** The task's two deadlines; a heartbeat pushes the heartbeat deadline out. */
    private final class Deadlines {
        private final Outcome.RunTask task;
        private final Cancellation cancellation;
        private final AtomicReference<String> expiredBy;
        private ScheduledFuture<?> timeout;
        private ScheduledFuture<?> heartbeat;
        private boolean closed;

        Deadlines(Outcome.RunTask task, Cancellation cancellation, AtomicReference<String> expiredBy) {
            this.task = task;
            this.cancellation = cancellation;
            this.expiredBy = expiredBy;
            if (task.timeoutSeconds() != null) {
                timeout = schedule(ErrorNames.TIMEOUT, Duration.ofSeconds(task.timeoutSeconds()));
            }
            heartbeat();
        }

        synchronized void heartbeat() {
            if (task.heartbeatSeconds() == null || closed) {
                return;
            }
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            heartbeat = schedule(ErrorNames.HEARTBEAT_TIMEOUT, Duration.ofSeconds(task.heartbeatSeconds()));
        }

        private ScheduledFuture<?> schedule(String error, Duration after) {
            return watchdog.schedule(() -> {
                if (expiredBy.compareAndSet(null, error)) {
                    cancellation.cancel();
                }
            }, after.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized void cancel() {
            closed = true; // a late heartbeat (from a handler's own thread) must not arm a new timer
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
