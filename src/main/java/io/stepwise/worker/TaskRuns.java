package io.stepwise.worker;

import io.stepwise.activity.AttemptKeys;
import io.stepwise.activity.HmacTaskTokens;
import io.stepwise.activity.TaskResources;
import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.engine.Frame;
import io.stepwise.engine.HistoryRecorder;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Outcome;
import io.stepwise.engine.TaskResult;
import io.stepwise.store.Activities;
import io.stepwise.store.Callbacks;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.Completion;
import io.stepwise.store.JsonText;
import io.stepwise.task.Cancellation;
import io.stepwise.task.IdempotencyKey;
import io.stepwise.store.WorkObserver;
import io.stepwise.store.WorkTracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the task of a {@link Outcome.RunTask} the way its resource asks: a handler's result moves the
 * frame on at once; an activity task, or a {@code .waitForTaskToken} call once its handler returned,
 * leaves the step waiting for the answer to its task token (see {@link Callbacks}).
 */
@Component
class TaskRuns {

    /**
     * Either the frame moved on ({@code outcome}), or the step waits for the answer to {@code awaiting}
     * (the token of {@code task}) until {@code wakeAt}, its first deadline.
     */
    record Run(Outcome outcome, Outcome.RunTask task, Completion.AwaitedToken awaiting, Instant wakeAt) {
        static Run moved(Outcome outcome) {
            return new Run(outcome, null, null, null);
        }
    }

    private final Interpreter interpreter;
    private final TaskExecutor tasks;
    private final Callbacks callbacks;
    private final Activities activities;
    private final HmacTaskTokens tokens;
    private final Clock clock;
    private final WorkObserver observer;

    TaskRuns(Interpreter interpreter, TaskExecutor tasks, Callbacks callbacks, Activities activities,
            HmacTaskTokens tokens, Clock clock, WorkObserver observer) {
        this.observer = observer;
        this.interpreter = interpreter;
        this.tasks = tasks;
        this.callbacks = callbacks;
        this.activities = activities;
        this.tokens = tokens;
        this.clock = clock;
    }

    Run run(ClaimedStep step, Frame frame, Outcome.RunTask task, HistoryRecorder history, Cancellation cancellation,
            WorkTracer.StepSpan span) {
        ObjectNode context = interpreter.taskStarts(frame, task, history);
        IdempotencyKey key = AttemptKeys.of(frame, task.stateName(), task.visit(), task.retries().total());
        Instant now = clock.instant();
        Instant timeoutAt = task.timeoutSeconds() == null ? null : now.plusSeconds(task.timeoutSeconds());
        return switch (TaskResources.of(task.resource())) {
            case TaskResources.Direct direct -> {
                long started = System.nanoTime();
                TaskResult result = tasks.execute(key, task, context, cancellation, span.traceparent());
                yield observed(step, frame, task, result, System.nanoTime() - started, history, span);
            }
            case TaskResources.Activity activity -> {
                if (activities.find(step.execution().namespace(), activity.name()).isEmpty()) {
                    yield observed(step, frame, task, new TaskResult.Failure(ErrorNames.RUNTIME, "The activity '"
                            + activity.name() + "' does not exist. Create it with PUT /v1/activities/"
                            + activity.name() + "."), 0, history, span);
                }
                String attemptKey = key.toString();
                var awaited = new Completion.AwaitedToken(HmacTaskTokens.hash(tokens.token(attemptKey)), attemptKey,
                        activity.name(), JsonText.of(task.taskInput()), timeoutAt, toInt(task.heartbeatSeconds()),
                        null); // an activity's heartbeat clock starts when a worker polls it
                yield new Run(null, task, awaited, Callbacks.firstDeadline(timeoutAt, null, now));
            }
            case TaskResources.Callback callback -> {
                String token = context.path("Task").path("Token").asString();
                byte[] hash = HmacTaskTokens.hash(token);
                callbacks.open(step, hash, key.toString(), timeoutAt);
                long started = System.nanoTime();
                TaskResult handled = tasks.execute(key, task, context, cancellation, span.traceparent());
                if (handled instanceof TaskResult.Failure) {
                    yield observed(step, frame, task, handled, System.nanoTime() - started, history, span);
                }
                Instant submitted = clock.instant();
                Instant heartbeatAt = task.heartbeatSeconds() == null ? null
                        : submitted.plusSeconds(task.heartbeatSeconds());
                var awaited = new Completion.AwaitedToken(hash, key.toString(), null, null, timeoutAt,
                        toInt(task.heartbeatSeconds()), heartbeatAt);
                yield new Run(null, task, awaited, Callbacks.firstDeadline(timeoutAt, heartbeatAt, submitted));
            }
        };
    }

    /** A claimed CALLBACK step: its answer (or timeout) moves the frame on; otherwise it already waits again. */
    Run resume(ClaimedStep step, Frame frame, Outcome.RunTask task, HistoryRecorder history, WorkTracer.StepSpan span) {
        String attemptKey = AttemptKeys.of(frame, task.stateName(), task.visit(), task.retries().total())
                .toString();
        return switch (callbacks.decide(step, attemptKey)) {
            case Callbacks.Answered a -> observed(step, frame, task, a.succeeded()
                    ? new TaskResult.Success(a.output() == null ? Json.NODES.nullNode() : a.output())
                    : new TaskResult.Failure(a.error(), a.cause()),
                    Duration.between(a.scheduledAt(), clock.instant()).toNanos(), history, span);
            case Callbacks.StillWaiting w -> null;
        };
    }

    /**
     * The task's result moves the frame on; the metrics hear of the run (and whether a Retrier takes it),
     * the step's span of a failure.
     */
    private Run observed(ClaimedStep step, Frame frame, Outcome.RunTask task, TaskResult result, long nanos,
            HistoryRecorder history, WorkTracer.StepSpan span) {
        if (result instanceof TaskResult.Failure failure) {
            span.failed(failure.error(), failure.cause());
        }
        Outcome next = interpreter.taskCompleted(frame, task, result, clock.instant(), history);
        observer.taskRan(step, task.resource(), result, result instanceof TaskResult.Failure
                && next instanceof Outcome.RunTask retry && retry.retries().total() > task.retries().total(),
                Math.max(0, nanos));
        return Run.moved(next);
    }

    private static Integer toInt(Long seconds) {
        return seconds == null ? null : Math.toIntExact(seconds);
    }
}
