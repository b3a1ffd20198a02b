package io.stepwise.worker;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.engine.Checkpoint;
import io.stepwise.engine.ExecutionContext;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Frame;
import io.stepwise.engine.HistoryRecorder;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.MachinePath;
import io.stepwise.engine.Outcome;
import io.stepwise.engine.TaskResult;
import io.stepwise.store.ClaimedStep;
import io.stepwise.store.Completion;
import io.stepwise.store.HistoryFormat;
import io.stepwise.store.JsonText;
import io.stepwise.store.StateMachineDefinitions;
import io.stepwise.store.StepClaims;
import io.stepwise.store.StepCompletions;
import io.stepwise.store.StepKind;
import io.stepwise.store.WorkObserver;
import io.stepwise.store.WorkTracer;
import io.stepwise.task.Cancellation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one claimed step: rebuilds its frame, resumes the interpreter, runs Task handlers that are due
 * right away on this thread (so a Task costs no extra trip through the queue), and hands the final
 * outcome to the completer.
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final StateMachineDefinitions definitions;
    private final StepCompletions completions;
    private final StepClaims claims;
    private final Interpreter interpreter;
    private final TaskRuns taskRuns;
    private final InFlightSteps inFlight;
    private final CompletionBatcher batcher;
    private final Clock clock;
    private final WorkObserver observer;
    private final WorkTracer tracer;

    StepRunner(StateMachineDefinitions definitions, StepCompletions completions, StepClaims claims,
            Interpreter interpreter, TaskRuns taskRuns, InFlightSteps inFlight, CompletionBatcher batcher, Clock clock,
            WorkObserver observer, WorkTracer tracer) {
        this.observer = observer;
        this.tracer = tracer;
        this.definitions = definitions;
        this.completions = completions;
        this.claims = claims;
        this.interpreter = interpreter;
        this.taskRuns = taskRuns;
        this.inFlight = inFlight;
        this.batcher = batcher;
        this.clock = clock;
    }

    void run(ClaimedStep step) {
        Cancellation cancellation = inFlight.register(step);
        try (var logContext = StepLogContext.of(step); var span = tracer.stepStarted(step)) {
            Completion completion;
            try {
                completion = complete(step, cancellation, span);
            } catch (RuntimeException e) {
                span.crashed(e);
                handle(step, e, true);
                return;
            }
            if (completion == null) {
                return;
            }
            if (inFlight.isShuttingDown() && cancellation.isCancelled()) {
                // cut short by shutdown, not by the workflow: hand the step back untouched
                claims.release(step);
                return;
            }
            try {
                batcher.commit(completion);
            } catch (RuntimeException e) {
                span.crashed(e);
                handle(step, e, false);
            }
        } finally {
            inFlight.release(step);
        }
    }

    private void handle(ClaimedStep step, RuntimeException e, boolean computing) {
        Throwable cause = StepErrors.unwrap(e);
        if (StepErrors.repeats(cause, computing)) {
            // Running it again would fail the same way, forever: the step fails instead.
            log.error("Step {} of execution {} cannot complete; failing it with States.Runtime", step.id(),
                    step.executionId(), cause);
            failStep(step, cause);
        } else {
            // Nothing was applied (one transaction); the lease runs out and another worker rescues the step.
            log.warn("Step {} of execution {} could not complete; it runs again when its lease expires",
                    step.id(), step.executionId(), cause);
        }
    }

    private void failStep(ClaimedStep step, Throwable cause) {
        String why = "Stepwise could not run or store state '" + step.stateName() + "': "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        var at = new Completion.FailurePoint(step.stateName(), JsonText.of(step.input()), JsonText.of(step.stateData()),
                false);
        var failure = step.parentId() == null
                ? new Completion.FinishExecution(step, ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, why, at, null)
                : new Completion.EndChild(step, false, null, ErrorNames.RUNTIME, why, at, null);
        try {
            batcher.commit(failure);
        } catch (RuntimeException e) {
            log.error("Could not fail step {} either; it runs again when its lease expires", step.id(), e);
        }
    }

    /** @return what to commit, or null when the step already went back to wait (a CALLBACK with no answer) */
    private Completion complete(ClaimedStep step, Cancellation cancellation, WorkTracer.StepSpan span) {
        var e = step.execution();
        StateMachine top = definitions.forVersion(e.namespace(), e.stateMachineName(), e.stateMachineVersion());
        Checkpoint checkpoint = Checkpoint.fromJson(step.stateData(), step.stateName());
        var context = new ExecutionContext(step.executionId().toString(), e.name(), e.input(), e.startDate(),
                e.stateMachineName() + ":" + e.stateMachineVersion(), e.stateMachineName(), e.redriveCount(), null);
        Frame frame = new Frame(checkpoint.path().resolve(top), checkpoint.path(), context, checkpoint.variables(),
                null);
        HistoryRecorder history = new HistoryRecorder(checkpoint.events());
        Instant now = clock.instant();
        TaskRuns.Run run = switch (step.kind()) {
            case ENTER -> TaskRuns.Run.moved(checkpoint.frameStart() ? interpreter.start(frame, step.input(), now, history)
                    : interpreter.enter(frame, step.stateName(), step.input(), now, history));
            case TASK -> taskRuns.run(step, frame, (Outcome.RunTask) checkpoint.pending(), history, cancellation,
                    span);
            case CALLBACK -> taskRuns.resume(step, frame, (Outcome.RunTask) checkpoint.pending(), history, span);
            case WAIT -> TaskRuns.Run.moved(interpreter.waitElapsed(frame, (Outcome.Wait) checkpoint.pending(), now,
                    history));
            case FAN_IN -> {
                var fanOut = (Outcome.FanOut) checkpoint.pending();
                List<TaskResult> results = new ArrayList<>();
                for (var child : completions.childOutcomes(step.id(), fanOut.children().size())) {
                    results.add(child == null ? null : child.succeeded() ? new TaskResult.Success(child.output())
                            : new TaskResult.Failure(child.error(), child.cause()));
                }
                yield TaskRuns.Run.moved(interpreter.fanInCompleted(frame, fanOut, results, now, history));
            }
        };
        // Tasks due now run here and now; only a retry backoff sends a task back to the queue.
        while (run != null && run.awaiting() == null && run.outcome() instanceof Outcome.RunTask task
                && task.notBefore() == null) {
            run = taskRuns.run(step, frame, task, history, cancellation, span);
        }
        if (run == null) {
            return null;
        }
        if (run.outcome() instanceof Outcome.Failed failed) {
            span.failed(failed.error(), failed.cause());
        }
        if (run.awaiting() != null) {
            return awaitAnswer(step, checkpoint, run, history);
        }
        return completion(step, checkpoint, run.outcome(), history);
    }

    private Completion awaitAnswer(ClaimedStep step, Checkpoint checkpoint, TaskRuns.Run run, HistoryRecorder history) {
        Outcome.RunTask task = run.task();
        long events = checkpoint.events() + history.size();
        return new Completion.AwaitAnswer(step, task.stateName(), JsonText.of(task.stateInput()),
                JsonText.of(new Checkpoint(checkpoint.path(), task.variables(), events, task).toJson()), run.wakeAt(),
                run.awaiting(), history.size() == 0 ? null : HistoryFormat.write(history.events()));
    }

    private Completion completion(ClaimedStep step, Checkpoint checkpoint, Outcome outcome, HistoryRecorder history) {
        long events = checkpoint.events() + history.size();
        observer.stepRan(step, history.events());
        JsonText json = history.size() == 0 ? null : HistoryFormat.write(history.events());
        boolean child = step.parentId() != null;
        return switch (outcome) {
            case Outcome.Ended ended -> child
                    ? new Completion.EndChild(step, true, JsonText.of(ended.output()), null, null, null, json)
                    : new Completion.FinishExecution(step, ExecutionStatus.SUCCEEDED, JsonText.of(ended.output()), null,
                            null, null, json);
            case Outcome.Failed failed -> {
                Completion.FailurePoint at = failurePoint(step, checkpoint, failed, events);
                yield child ? new Completion.EndChild(step, false, null, failed.error(), failed.cause(), at, json)
                        : new Completion.FinishExecution(step, ExecutionStatus.FAILED, null, failed.error(),
                                failed.cause(), at, json);
            }
            case Outcome.Yield yield -> new Completion.Reschedule(step, StepKind.ENTER, yield.stateName(),
                    JsonText.of(yield.input()),
                    JsonText.of(new Checkpoint(checkpoint.path(), yield.variables(), events, null).toJson()),
                    clock.instant(), json);
            case Outcome.RunTask task -> new Completion.Reschedule(step, StepKind.TASK, task.stateName(),
                    JsonText.of(task.stateInput()),
                    JsonText.of(new Checkpoint(checkpoint.path(), task.variables(), events, task).toJson()),
                    task.notBefore(), json);
            case Outcome.Wait wait -> new Completion.Reschedule(step, StepKind.WAIT, wait.stateName(),
                    JsonText.of(wait.output()),
                    JsonText.of(new Checkpoint(checkpoint.path(), wait.variables(), events, wait).toJson()),
                    wait.until(), json);
            case Outcome.FanOut fanOut -> startChildren(step, checkpoint, fanOut, events, json);
        };
    }

    /**
     * Where a redrive will resume this frame: the failed state with its input; or, when the step's own
     * Parallel/Map failed at its join, that join again (its checkpoint and children are kept).
     */
    private static Completion.FailurePoint failurePoint(ClaimedStep step, Checkpoint checkpoint, Outcome.Failed failed,
            long events) {
        boolean ownFanOut = step.kind() == StepKind.FAN_IN && failed.at() != null
                && failed.at().stateName().equals(step.stateName());
        if (failed.at() == null || ownFanOut) {
            return new Completion.FailurePoint(step.stateName(), JsonText.of(step.input()),
                    JsonText.of(step.stateData()), ownFanOut);
        }
        return new Completion.FailurePoint(failed.at().stateName(), JsonText.of(failed.at().input()),
                JsonText.of(new Checkpoint(checkpoint.path(), failed.at().variables(), events, null).toJson()), false);
    }

    private Completion startChildren(ClaimedStep step, Checkpoint checkpoint, Outcome.FanOut fanOut, long events,
            JsonText json) {
        var e = step.execution();
        StateMachine top = definitions.forVersion(e.namespace(), e.stateMachineName(), e.stateMachineVersion());
        StateMachine machine = checkpoint.path().resolve(top);
        List<Completion.NewChild> children = new ArrayList<>();
        for (int i = 0; i < fanOut.children().size(); i++) {
            Outcome.Child child = fanOut.children().get(i);
            MachinePath path = checkpoint.path().child(machine, fanOut, child, i);
            StateMachine sub = path.subMachineOf(machine);
            children.add(new Completion.NewChild(i, sub.startAt(), JsonText.of(child.input()),
                    JsonText.of(Checkpoint.frameStart(path, fanOut.variables(), events).toJson())));
        }
        Instant runAt = fanOut.notBefore() != null ? fanOut.notBefore() : clock.instant();
        return new Completion.StartChildren(step, fanOut.stateName(), JsonText.of(fanOut.stateInput()),
                JsonText.of(new Checkpoint(checkpoint.path(), fanOut.variables(), events, fanOut).toJson()), children,
                fanOut.maxConcurrency(), runAt, json);
    }
}
