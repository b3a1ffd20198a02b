package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import io.stepwise.asl.StatesError;
import io.stepwise.asl.model.Recoverable;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.TaskState;
import io.stepwise.asl.model.Transition;
import java.time.Clock;
import java.time.Instant;
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

    private final StateRules rules;
    private final RandomGenerator random;
    private final TaskTokens tokens;

    public Interpreter(StateData data, RandomGenerator random, TaskTokens tokens) {
        this.rules = new StateRules(data);
        this.random = random;
        this.tokens = tokens;
    }

    /** An interpreter whose data flow, retry jitter and task tokens draw on {@code clock} and {@code random}. */
    public static Interpreter of(Clock clock, RandomGenerator random) {
        return of(clock, random, TaskTokens.random(random));
    }

    /** As {@link #of(Clock, RandomGenerator)}, with callback task tokens from {@code tokens}. */
    public static Interpreter of(Clock clock, RandomGenerator random, TaskTokens tokens) {
        return new Interpreter(StateData.of(clock, random), random, tokens);
    }

    /** Starts a frame (the execution, a Parallel branch or a Map iteration) at its StartAt. */
    public Outcome start(Frame frame, JsonNode input, Instant now, HistoryRecorder history) {
        MachinePath.Element iteration = frame.path().iteration();
        if (iteration != null) {
            history.iteration("MapIterationStarted", iteration.state(), iteration.index());
        }
        return enter(frame, frame.machine().startAt(), input, now, history);
    }

    /** Enters {@code stateName} with {@code input} and runs on in-line. */
    public Outcome enter(Frame frame, String stateName, JsonNode input, Instant now, HistoryRecorder history) {
        return loop(frame, new Continue(frame, stateName, input), now, history);
    }

    /** A task of a {@link Outcome.RunTask} came back. */
    public Outcome taskCompleted(Frame frame, Outcome.RunTask task, TaskResult result, Instant now,
            HistoryRecorder history) {
        Frame current = frame.withVariables(task.variables());
        TaskState state = (TaskState) current.machine().state(task.stateName());
        ObjectNode context = ContextObjects.forState(current, state, task.enteredTime(), task.retries().total());
        return switch (result) {
            case TaskResult.Success success -> {
                history.taskSucceeded(state, success.output());
                yield loop(current, afterWork(current, state, task.stateInput(), success.output(), context, task.retries(),
                        task.enteredTime(), task.visit(), now, history), now, history);
            }
            case TaskResult.Failure failure -> {
                history.taskFailed(state, failure.error(), failure.cause());
                yield loop(current, recover(current, state, task.stateInput(), failure.error(), failure.cause(),
                        task.retries(), task.enteredTime(), task.visit(), now, history), now, history);
            }
        };
    }

    /**
     * The task of a {@link Outcome.RunTask} is about to run: records it as scheduled and started, and
     * answers the context object its handler receives (AWS passes it to integrations as $$).
     */
    public ObjectNode taskStarts(Frame frame, Outcome.RunTask task, HistoryRecorder history) {
        var state = (TaskState) frame.machine().state(task.stateName());
        history.taskScheduled(state, task.taskInput(), task.timeoutSeconds(), task.heartbeatSeconds());
        history.taskStarted(state);
        Frame current = frame.withVariables(task.variables());
        ObjectNode context = ContextObjects.of(current, task.stateName(), task.enteredTime(), task.retries().total());
        addTaskToken(current, state, task.visit(), task.retries().total(), context);
        return context;
    }

    /** The {@code $$.Task.Token} of the task of {@code task}, or null when its resource takes none. */
    public String taskToken(Frame frame, Outcome.RunTask task) {
        return takesToken(frame.machine().state(task.stateName()))
                ? tokens.token(frame, task.stateName(), task.visit(), task.retries().total()) : null;
    }

    /** The Wait of a {@link Outcome.Wait} is over. */
    public Outcome waitElapsed(Frame frame, Outcome.Wait wait, Instant now, HistoryRecorder history) {
        Frame current = frame.withVariables(wait.variables());
        State state = current.machine().state(wait.stateName());
        history.exited(state, wait.output());
        Transition transition = state.common().transition();
        return loop(current, proceed(current, transition.isEnd() ? null : transition.next(), wait.output()), now, history);
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
            return loop(current, recover(current, state, fanOut.stateInput(), error, cause, fanOut.retries(),
                    fanOut.enteredTime(), fanOut.visit(), now, history), now, history);
        }
        history.fanOutSucceeded(state);
        ObjectNode context = ContextObjects.forState(current, state, fanOut.enteredTime(), fanOut.retries().total());
        return loop(current, afterWork(current, state, fanOut.stateInput(), outputs, context, fanOut.retries(),
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

    private Outcome loop(Frame frame, Move first, Instant now, HistoryRecorder history) {
        Move move = first;
        int transitions = 0;
        while (move instanceof Continue next) {
            if (++transitions > MAX_INLINE_TRANSITIONS) {
                return new Outcome.Yield(next.stateName(), next.input(), next.frame().variables());
            }
            move = step(next.frame(), next.stateName(), next.input(), now, history);
        }
        Outcome outcome = ((Stop) move).outcome();
        MachinePath.Element iteration = frame.path().iteration();
        if (iteration != null && (outcome instanceof Outcome.Ended || outcome instanceof Outcome.Failed)) {
            history.iteration(outcome instanceof Outcome.Ended ? "MapIterationSucceeded" : "MapIterationFailed",
                    iteration.state(), iteration.index());
        }
        return outcome;
    }

    private Move step(Frame frame, String stateName, JsonNode input, Instant now, HistoryRecorder history) {
        State state = frame.machine().state(stateName);
        history.entered(state, input);
        // The entering event's id in this frame's lineage: a replayed run (a lost lease) gets the same
        // one, every other entry into the state a larger one, so it names this visit of the state.
        long visit = history.lastEnteredEventId();
        ObjectNode context = ContextObjects.forState(frame, state, now, 0);
        try {
            addTaskToken(frame, state, visit, 0, context);
            return switch (rules.enter(state, input, context, frame.variables(), now, null)) {
                case StateRules.Moved moved -> {
                    history.exited(state, moved.output());
                    yield proceed(frame.withVariables(moved.variables()), moved.next(), moved.output());
                }
                case StateRules.Fails fails -> new Stop(new Outcome.Failed(fails.error(), fails.cause(),
                        new Outcome.FailedAt(state.name(), input, frame.variables())));
                case StateRules.Waits waits -> new Stop(new Outcome.Wait(state.name(), waits.until(), waits.output(),
                        waits.variables()));
                case StateRules.Work work -> new Stop(pending(frame, (Recoverable) state, input, work,
                        RetryState.none(((Recoverable) state).retry().size()), null, now, visit, history));
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

    /**
     * Integration patterns that wait for a result carry a token in {@code $$.Task.Token} (AWS's recorded
     * .sync runs use it too); a new one for every attempt.
     */
    private void addTaskToken(Frame frame, State state, long visit, int attempt, ObjectNode context) {
        if (takesToken(state)) {
            context.putObject("Task").put("Token", tokens.token(frame, state.name(), visit, attempt));
        }
    }

    private static boolean takesToken(State state) {
        return state instanceof TaskState task && task.resource() != null
                && (task.resource().endsWith(".waitForTaskToken") || task.resource().contains(".sync"));
    }

    /** The outcome a Task's or Parallel's/Map's work waits as: a task to run, or children to fan out to. */
    private Outcome pending(Frame frame, Recoverable state, JsonNode input, StateRules.Work work,
            RetryState retries, Instant notBefore, Instant enteredTime, long visit, HistoryRecorder history) {
        return switch (work) {
            case StateRules.RunsTask task -> new Outcome.RunTask(state.name(), input, task.call().input(),
                    ((TaskState) state).resource(), task.call().timeoutSeconds(), task.call().heartbeatSeconds(),
                    retries, notBefore, enteredTime, visit, frame.variables());
            case StateRules.RunsChildren fan -> {
                StateData.Children children = fan.children();
                history.fanOutStarted(state, children.children().size());
                yield new Outcome.FanOut(state.name(), input, children.children(), children.maxConcurrency(),
                        children.tolerance(), retries, notBefore, enteredTime, visit, frame.variables());
            }
        };
    }

    /** A Task's, Parallel's or Map's work produced {@code result}: shape the output and move on. */
    private Move afterWork(Frame frame, Recoverable state, JsonNode stateInput, JsonNode result,
            ObjectNode context, RetryState retries, Instant enteredTime, long visit, Instant now,
            HistoryRecorder history) {
        try {
            StateRules.Moved moved = rules.afterWork(state, stateInput, result, context, frame.variables());
            history.exited(state, moved.output());
            return proceed(frame.withVariables(moved.variables()), moved.next(), moved.output());
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

    private static Move proceed(Frame frame, String next, JsonNode output) {
        return next == null ? new Stop(new Outcome.Ended(output)) : new Continue(frame, next, output);
    }

    /** Retry (after its backoff, through the caller), Catch, or fail: the error handling of Task, Parallel, Map. */
    private Move recover(Frame frame, Recoverable state, JsonNode stateInput, String error, String cause,
            RetryState retries, Instant enteredTime, long visit, Instant now, HistoryRecorder history) {
        return switch (StateRules.recover(state, error, retries)) {
            case StateRules.Retry retry -> {
                RetryState next = retries.incremented(retry.retrier());
                Instant at = now.plus(Retries.delay(retry.rule(), retry.retriesSoFar(), random));
                ObjectNode context = ContextObjects.forState(frame, state, enteredTime, next.total());
                try {
                    addTaskToken(frame, state, visit, next.total(), context);
                    yield new Stop(pending(frame, state, stateInput,
                            rules.work(state, stateInput, context, frame.variables(), null), next, at, enteredTime,
                            visit, history));
                } catch (StatesError e) {
                    yield recover(frame, state, stateInput, e.error(), e.cause(), next, enteredTime, visit, now,
                            history);
                }
            }
            case StateRules.Catch caught -> {
                ObjectNode context = ContextObjects.forState(frame, state, enteredTime, retries.total());
                StateRules.Moved moved = rules.caught(state, caught.rule(), stateInput, error, cause, context,
                        frame.variables());
                history.exited(state, moved.output());
                yield new Continue(frame.withVariables(moved.variables()), moved.next(), moved.output());
            }
            case StateRules.Fail failed -> new Stop(new Outcome.Failed(error, cause,
                    new Outcome.FailedAt(state.name(), stateInput, frame.variables())));
        };
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
