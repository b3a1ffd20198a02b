package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.model.Catcher;
import io.stepwise.asl.model.ChoiceState;
import io.stepwise.asl.model.FailState;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.PassState;
import io.stepwise.asl.model.Recoverable;
import io.stepwise.asl.model.Retrier;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.SucceedState;
import io.stepwise.asl.model.TaskState;
import io.stepwise.asl.model.Transition;
import io.stepwise.asl.model.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a state machine in-line from a state until it must hand control back: a Task to run, a Wait
 * to sleep through, children to fan out to, or the end of its frame. Pure: time comes in as
 * {@code now}, randomness from the injected generator, and nothing is persisted here; the caller
 * stores the {@link Outcome} and resumes through {@link #taskCompleted}, {@link #waitElapsed} or
 * {@link #fanInCompleted}, possibly on another replica.
 */
public final class Interpreter {

    private final StateData data;
    private final RandomGenerator random;

    public Interpreter(StateData data, RandomGenerator random) {
        this.data = data;
        this.random = random;
    }

    /** Enters {@code stateName} with {@code input} and runs on in-line. */
    public Outcome enter(Frame frame, String stateName, JsonNode input, Instant now, HistoryRecorder history) {
        return loop(new Continue(frame, stateName, input), now, history);
    }

    /** A task of a {@link Outcome.RunTask} came back. */
    public Outcome taskCompleted(Frame frame, Outcome.RunTask task, TaskResult result, Instant now,
            HistoryRecorder history) {
        Frame current = frame.withVariables(task.variables());
        TaskState state = (TaskState) current.machine().state(task.stateName());
        ObjectNode context = ContextObjects.of(current, state.name(), task.enteredTime(), task.retries().total());
        return switch (result) {
            case TaskResult.Success success -> {
                history.taskSucceeded(state, success.output());
                yield loop(afterWork(current, state, task.stateInput(), success.output(), context, task.retries(),
                        task.enteredTime(), task.visit(), now, history), now, history);
            }
            case TaskResult.Failure failure -> {
                history.taskFailed(state, failure.error(), failure.cause());
                yield loop(recover(current, state, task.stateInput(), failure.error(), failure.cause(),
                        task.retries(), task.enteredTime(), task.visit(), now, history), now, history);
            }
        };
    }

    /** The context object a task's handler receives (AWS passes it to integrations as $$). */
    public ObjectNode contextFor(Frame frame, Outcome.RunTask task) {
        return ContextObjects.of(frame, task.stateName(), task.enteredTime(), task.retries().total());
    }

    /** The Wait of a {@link Outcome.Wait} is over. */
    public Outcome waitElapsed(Frame frame, Outcome.Wait wait, Instant now, HistoryRecorder history) {
        Frame current = frame.withVariables(wait.variables());
        State state = current.machine().state(wait.stateName());
        history.exited(state, wait.output());
        return loop(proceed(current, state.common().transition(), wait.output()), now, history);
    }

    /**
     * Every child of a {@link Outcome.FanOut} finished (or the first failure arrived and the rest were
     * cancelled); {@code results} are in child order, null for a child that never finished.
     */
    public Outcome fanInCompleted(Frame frame, Outcome.FanOut fanOut, List<TaskResult> results, Instant now,
            HistoryRecorder history) {
        Frame current = frame.withVariables(fanOut.variables());
        Recoverable state = (Recoverable) current.machine().state(fanOut.stateName());
        var outputs = Json.NODES.arrayNode();
        int failed = 0;
        TaskResult.Failure firstFailure = null;
        for (TaskResult result : results) {
            switch (result) {
                case TaskResult.Success success -> outputs.add(success.output());
                case TaskResult.Failure failure -> {
                    failed++;
                    firstFailure = firstFailure == null ? failure : firstFailure;
                    outputs.add(errorOutput(failure.error(), failure.cause()));
                }
                case null -> outputs.addNull();
            }
        }
        if (failed > 0 && !fanOut.tolerance().tolerates(failed, results.size())) {
            boolean thresholdSet = fanOut.tolerance().isSet();
            String error = thresholdSet ? ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD : firstFailure.error();
            String cause = thresholdSet ? "The specified tolerated failure threshold was exceeded"
                    : firstFailure.cause();
            history.fanOutFailed(state, error, cause);
            return loop(recover(current, state, fanOut.stateInput(), error, cause, fanOut.retries(),
                    fanOut.enteredTime(), fanOut.visit(), now, history), now, history);
        }
        history.fanOutSucceeded(state);
        ObjectNode context = ContextObjects.of(current, state.name(), fanOut.enteredTime(), fanOut.retries().total());
        return loop(afterWork(current, state, fanOut.stateInput(), outputs, context, fanOut.retries(),
                fanOut.enteredTime(), fanOut.visit(), now, history), now, history);
    }

    /**
     * What the in-line loop does next: run another state, or stop with an outcome. The loop (not
     * recursion) keeps a long chain of in-line states flat, and keeps an error of one state from being
     * handled by the state before it.
     */
    private sealed interface Move {
    }

    private record Continue(Frame frame, String stateName, JsonNode input) implements Move {
    }

    private record Stop(Outcome outcome) implements Move {
    }

    /**
     * In-line transitions one run may make before it yields. A workflow that loops through Pass and
     * Choice states forever then still commits its progress and lets other work in.
     */
    static final int MAX_INLINE_TRANSITIONS = 1000;

    private Outcome loop(Move first, Instant now, HistoryRecorder history) {
        Move move = first;
        int transitions = 0;
        while (move instanceof Continue next) {
            if (++transitions > MAX_INLINE_TRANSITIONS) {
                return new Outcome.Yield(next.stateName(), next.input(), next.frame().variables());
            }
            move = step(next.frame(), next.stateName(), next.input(), now, history);
        }
        return ((Stop) move).outcome();
    }

    private Move step(Frame frame, String stateName, JsonNode input, Instant now, HistoryRecorder history) {
        State state = frame.machine().state(stateName);
        history.entered(state, input);
        // The entering event's id in this frame's lineage: a replayed run (a lost lease) gets the same
        // one, every other entry into the state a larger one, so it names this visit of the state.
        long visit = history.lastEnteredEventId();
        ObjectNode context = ContextObjects.of(frame, state.name(), now, 0);
        try {
            return switch (state) {
                case PassState pass -> {
                    StateData.Result result = data.pass(pass, input, context, frame.variables());
                    yield leave(frame.withVariables(result.variables()), pass, result.output(), now, history);
                }
                case ChoiceState choice -> {
                    StateData.Choice chosen = data.choose(choice, input, context, frame.variables());
                    history.exited(choice, chosen.output());
                    yield proceed(frame.withVariables(chosen.variables()), new Transition(chosen.next()),
                            chosen.output());
                }
                case SucceedState succeed -> {
                    JsonNode output = data.succeed(succeed, input, context, frame.variables());
                    history.exited(succeed, output);
                    yield new Stop(new Outcome.Ended(output));
                }
                case FailState fail -> {
                    StateData.Failure failure = data.fail(fail, input, context, frame.variables());
                    yield new Stop(new Outcome.Failed(failure.error(), failure.cause(),
                            new Outcome.FailedAt(fail.name(), input, frame.variables())));
                }
                case WaitState wait -> {
                    StateData.WaitUntil until = data.waitUntil(wait, input, context, frame.variables(), now);
                    yield new Stop(new Outcome.Wait(wait.name(), until.until(), until.output(), until.variables()));
                }
                case TaskState task -> new Stop(schedule(frame, task, input, context,
                        RetryState.none(task.retry().size()), null, now, visit, history));
                case ParallelState parallel -> new Stop(fanOut(frame, parallel, input, context,
                        RetryState.none(parallel.retry().size()), null, now, visit, history));
                case MapState map -> new Stop(fanOut(frame, map, input, context, RetryState.none(map.retry().size()),
                        null, now, visit, history));
            };
        } catch (StatesError e) {
            String cause = inState(state, history, e);
            if (state instanceof Recoverable recoverable) {
                return recover(frame, recoverable, input, e.error(), cause, RetryState.none(
                        recoverable.retry().size()), now, visit, now, history);
            }
            return new Stop(new Outcome.Failed(e.error(), cause,
                    new Outcome.FailedAt(state.name(), input, frame.variables())));
        }
    }

    private Outcome schedule(Frame frame, TaskState task, JsonNode input, ObjectNode context, RetryState retries,
            Instant notBefore, Instant enteredTime, long visit, HistoryRecorder history) {
        if (task.resource() != null && (task.resource().endsWith(".waitForTaskToken")
                || task.resource().contains(".sync"))) {
            // integration patterns that wait for a result carry a token (AWS's recorded .sync runs use it too)
            context.putObject("Task").put("Token", taskToken());
        }
        StateData.TaskCall call = data.taskCall(task, input, context, frame.variables());
        return new Outcome.RunTask(task.name(), input, call.input(), task.resource(), call.timeoutSeconds(),
                call.heartbeatSeconds(), retries, notBefore, enteredTime, visit, frame.variables());
    }

    private Outcome fanOut(Frame frame, Recoverable state, JsonNode input, ObjectNode context, RetryState retries,
            Instant notBefore, Instant enteredTime, long visit, HistoryRecorder history) {
        StateData.Children children = switch (state) {
            case ParallelState parallel -> data.branches(parallel, input, context, frame.variables());
            case MapState map -> data.items(map, input, context, frame.variables());
            case TaskState task -> throw new IllegalStateException("a Task does not fan out");
        };
        history.fanOutStarted(state, children.children().size());
        return new Outcome.FanOut(state.name(), input, children.children(), children.maxConcurrency(),
                children.tolerance(), retries, notBefore, enteredTime, visit, frame.variables());
    }

    /** A Task's, Parallel's or Map's work produced {@code result}: shape the output and move on. */
    private Move afterWork(Frame frame, Recoverable state, JsonNode stateInput, JsonNode result,
            ObjectNode context, RetryState retries, Instant enteredTime, long visit, Instant now,
            HistoryRecorder history) {
        try {
            StateData.Result shaped = data.afterWork(state, stateInput, result, context, frame.variables());
            return leave(frame.withVariables(shaped.variables()), state, shaped.output(), now, history);
        } catch (StatesError e) {
            return recover(frame, state, stateInput, e.error(), inState(state, history, e), retries, enteredTime,
                    visit, now, history);
        }
    }

    /**
     * AWS prefixes the cause of an error raised by a state's own data processing (not by its task)
     * with the state and the id of the event that entered it.
     */
    private static String inState(State state, HistoryRecorder history, StatesError e) {
        if (ErrorNames.NO_CHOICE_MATCHED.equals(e.error()) || ErrorNames.DATA_LIMIT_EXCEEDED.equals(e.error())) {
            return e.cause();
        }
        String prefix = "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                + history.lastEnteredEventId() + ").";
        return e.cause() == null ? prefix : prefix + " " + e.cause();
    }

    private Move leave(Frame frame, State state, JsonNode output, Instant now, HistoryRecorder history) {
        DataLimits.check(output, state.name());
        history.exited(state, output);
        return proceed(frame, state.common().transition(), output);
    }

    private static Move proceed(Frame frame, Transition transition, JsonNode output) {
        if (transition.isEnd()) {
            return new Stop(new Outcome.Ended(output));
        }
        return new Continue(frame, transition.next(), output);
    }

    /** Retry, Catch, or fail: the error handling of Task, Parallel and Map. */
    private Move recover(Frame frame, Recoverable state, JsonNode stateInput, String error, String cause,
            RetryState retries, Instant enteredTime, long visit, Instant now, HistoryRecorder history) {
        List<Retrier> retriers = state.retry();
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!Retries.matches(retrier.errorEquals(), error)) {
                continue;
            }
            if (retries.count(i) < retrier.maxAttempts()) {
                Duration delay = Retries.delay(retrier, retries.count(i), random);
                RetryState next = retries.incremented(i);
                Instant at = now.plus(delay);
                ObjectNode context = ContextObjects.of(frame, state.name(), enteredTime, next.total());
                try {
                    return new Stop(state instanceof TaskState task
                            ? schedule(frame, task, stateInput, context, next, at, enteredTime, visit, history)
                            : fanOut(frame, state, stateInput, context, next, at, enteredTime, visit, history));
                } catch (StatesError e) {
                    return recover(frame, state, stateInput, e.error(), e.cause(), next, enteredTime, visit, now,
                            history);
                }
            }
            break; // the first matching retrier is exhausted: no other retrier applies
        }
        for (Catcher catcher : state.catchers()) {
            if (Retries.matches(catcher.errorEquals(), error)) {
                ObjectNode context = ContextObjects.of(frame, state.name(), enteredTime, retries.total());
                StateData.Result caught = data.caught(state, catcher, stateInput, errorOutput(error, cause), context,
                        frame.variables());
                history.exited(state, caught.output());
                return new Continue(frame.withVariables(caught.variables()), catcher.next(), caught.output());
            }
        }
        return new Stop(new Outcome.Failed(error, cause,
                new Outcome.FailedAt(state.name(), stateInput, frame.variables())));
    }

    /** An opaque, unguessable token for one callback task (from the injected random source). */
    private String taskToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static ObjectNode errorOutput(String error, String cause) {
        ObjectNode output = Json.NODES.objectNode().put("Error", error);
        // a failure without a name reports both fields as null (a recorded AWS callback run)
        if (cause != null || error == null) {
            output.put("Cause", cause);
        }
        return output;
    }
}
