package io.stepwise.engine;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each type of state does with its input, and what Retry and Catch make of an error: the rules
 * of the language, written once. The {@link Interpreter} applies them through a whole execution
 * (history, timers, children, retries that really happen); {@link StateTester} applies them to one
 * state, once, the way AWS's TestState does. Neither repeats a rule. Pure: data processing comes from
 * {@link StateData}, time only as {@code now}; a {@link io.stepwise.asl.StatesError} from the data
 * flow propagates to the caller, which decides how to report it.
 */
final class StateRules {

    /** What entering a state, or finishing its work, leads to. */
    sealed interface Effect {
    }

    /** The state is done: its frame goes on at {@code next} with {@code output}, or ends when it is null. */
    record Moved(JsonNode output, String next, Map<String, JsonNode> variables) implements Effect {
    }

    /** A Wait state holds {@code output} until {@code until}, then goes on as {@link Moved} would. */
    record Waits(Instant until, JsonNode output, Map<String, JsonNode> variables, String next) implements Effect {
    }

    /** The state fails the frame (a Fail state) with this error and cause. */
    record Fails(String error, String cause) implements Effect {
    }

    /** The work of a Task, Parallel or Map state, to be done outside the rules. */
    sealed interface Work extends Effect {
    }

    /** A Task state's work: its handler gets {@code call.input()}. */
    record RunsTask(StateData.TaskCall call) implements Work {
    }

    /** A Parallel's or Map's work: its branches or items. */
    record RunsChildren(StateData.Children children) implements Work {
    }

    /**
     * What an error in a Task, Parallel or Map becomes. {@code retrier} is the index of the first
     * Retrier whose ErrorEquals matched (-1 for none), reported even when it is exhausted, as AWS does.
     */
    sealed interface Recovery {
        int retrier();
    }

    /** Retry, for the {@code retriesSoFar + 1}-th time by that Retrier. */
    record Retry(int retrier, Retrier rule, int retriesSoFar) implements Recovery {
    }

    /** Catch by catcher {@code catcher}; its output comes from {@link #caught}. */
    record Catch(int retrier, int catcher, Catcher rule) implements Recovery {
    }

    /** No retry left and no catcher: the error fails the frame. */
    record Fail(int retrier) implements Recovery {
    }

    private final StateData data;

    StateRules(StateData data) {
        this.data = data;
    }

    /** The same rules, reporting their intermediate values to {@code inspection} (TestState's DEBUG). */
    StateRules inspecting(Inspection inspection) {
        return new StateRules(data.inspecting(inspection));
    }

    /**
     * Enters {@code state}. {@code mapItems}: a Map's items when they come from elsewhere than its input
     * (TestState's mocked ItemReader), else null.
     */
    Effect enter(State state, JsonNode input, ObjectNode context, Map<String, JsonNode> variables, Instant now,
            JsonNode mapItems) {
        return switch (state) {
            case PassState pass -> {
                StateData.Result result = data.pass(pass, input, context, variables);
                yield new Moved(DataLimits.check(result.output(), pass.name()), next(pass.common().transition()),
                        result.variables());
            }
            case ChoiceState choice -> {
                StateData.Choice chosen = data.choose(choice, input, context, variables);
                yield new Moved(chosen.output(), chosen.next(), chosen.variables());
            }
            case SucceedState succeed -> new Moved(data.succeed(succeed, input, context, variables), null, variables);
            case FailState fail -> {
                StateData.Failure failure = data.fail(fail, input, context, variables);
                yield new Fails(failure.error(), failure.cause());
            }
            case WaitState wait -> {
                StateData.WaitUntil until = data.waitUntil(wait, input, context, variables, now);
                yield new Waits(until.until(), until.output(), until.variables(), next(wait.common().transition()));
            }
            case Recoverable recoverable -> work(recoverable, input, context, variables, mapItems);
        };
    }

    /** The input side of a Task's, Parallel's or Map's work: on entry, and again for each retry. */
    Work work(Recoverable state, JsonNode input, ObjectNode context, Map<String, JsonNode> variables,
            JsonNode mapItems) {
        return switch (state) {
            case TaskState task -> new RunsTask(data.taskCall(task, input, context, variables));
            case ParallelState parallel -> new RunsChildren(data.branches(parallel, input, context, variables));
            case MapState map -> new RunsChildren(mapItems == null ? data.items(map, input, context, variables)
                    : data.items(map, input, context, variables, mapItems));
        };
    }

    /** The work produced {@code result}: ResultSelector, ResultPath, OutputPath (or Output), Assign. */
    Moved afterWork(Recoverable state, JsonNode stateInput, JsonNode result, ObjectNode context,
            Map<String, JsonNode> variables) {
        StateData.Result shaped = data.afterWork(state, stateInput, result, context, variables);
        return new Moved(DataLimits.check(shaped.output(), state.name()), next(state.common().transition()),
                shaped.variables());
    }

    /**
     * Retry, Catch or fail. The first Retrier whose ErrorEquals matches decides: it retries while it has
     * attempts left ({@code retries} counts what each has used), and once exhausted no other applies.
     */
    static Recovery recover(Recoverable state, String error, RetryState retries) {
        int matched = -1;
        List<Retrier> retriers = state.retry();
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (Retries.matches(retrier.errorEquals(), error)) {
                if (retries.count(i) < retrier.maxAttempts()) {
                    return new Retry(i, retrier, retries.count(i));
                }
                matched = i;
                break;
            }
        }
        List<Catcher> catchers = state.catchers();
        for (int i = 0; i < catchers.size(); i++) {
            if (Retries.matches(catchers.get(i).errorEquals(), error)) {
                return new Catch(matched, i, catchers.get(i));
            }
        }
        return new Fail(matched);
    }

    /** The output of a caught error: the error object through the catcher's ResultPath (or Output), Assign. */
    Moved caught(Recoverable state, Catcher catcher, JsonNode stateInput, String error, String cause,
            ObjectNode context, Map<String, JsonNode> variables) {
        StateData.Result caught = data.caught(state, catcher, stateInput, Interpreter.errorOutput(error, cause),
                context, variables);
        return new Moved(caught.output(), catcher.next(), caught.variables());
    }

    private static String next(Transition transition) {
        return transition.isEnd() ? null : transition.next();
    }
}
