package io.stepwise.engine;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.model.StateMachine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a whole state machine in-process, on a virtual clock: Wait states and retry backoffs pass
 * instantly, Task states are answered by {@link TaskMocks}. It drives the same {@link Interpreter}
 * as the durable engine, so a workflow that passes here behaves the same on PostgreSQL. Use it to
 * test a workflow without a database:
 *
 * <pre>{@code
 * var result = LocalRunner.builder().mocks(TaskMocks.echo()).build().run(machine, input);
 * assertEquals("SUCCEEDED", result.status());
 * }</pre>
 */
public final class LocalRunner {

    /** The end of a run: status as AWS names it, the output or error and cause, and the history. */
    public record Result(String status, JsonNode output, String error, String cause, List<ObjectNode> events) {
    }

    private final Interpreter interpreter;
    private final TaskMocks mocks;
    private final Instant start;
    private final String executionName;

    private LocalRunner(Builder builder) {
        RandomGenerator random = builder.random;
        Clock clock = Clock.fixed(builder.start, ZoneOffset.UTC);
        this.interpreter = Interpreter.of(clock, random);
        this.mocks = builder.mocks;
        this.start = builder.start;
        this.executionName = builder.executionName;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Result run(StateMachine machine, JsonNode input) {
        var run = new Run(machine, input);
        return run.execute();
    }

    /** One execution: its virtual time and its history. */
    private final class Run {
        private final StateMachine machine;
        private final JsonNode input;
        private final HistoryRecorder history = new HistoryRecorder();
        private final Instant deadline;
        private Instant now = start;

        Run(StateMachine machine, JsonNode input) {
            this.machine = machine;
            this.input = input;
            this.deadline = machine.timeoutSeconds() == null ? null : start.plusSeconds(machine.timeoutSeconds());
        }

        Result execute() {
            history.add(HistoryRecorder.executionStarted(input));
            var context = new ExecutionContext("arn:stepwise:execution:local:" + executionName, executionName, input,
                    start, "arn:stepwise:stateMachine:local", "local", 0, null);
            TaskResult result;
            try {
                result = runFrame(new Frame(machine, MachinePath.TOP, context, Map.of(), null), input);
            } catch (TimedOut e) {
                return end(ExecutionStatus.TIMED_OUT, null, ErrorNames.TIMEOUT, "The execution timed out.");
            }
            return switch (result) {
                case TaskResult.Success success -> end(ExecutionStatus.SUCCEEDED, success.output(), null, null);
                case TaskResult.Failure failure -> end(ExecutionStatus.FAILED, null, failure.error(), failure.cause());
            };
        }

        private Result end(ExecutionStatus status, JsonNode output, String error, String cause) {
            history.add(HistoryRecorder.executionEnded(status, output, error, cause));
            // as before: a timed-out run reports its error without the cause its history event holds
            return new Result(status.name(), output, error, status == ExecutionStatus.TIMED_OUT ? null : cause,
                    numbered());
        }

        private TaskResult runFrame(Frame frame, JsonNode frameInput) {
            Outcome outcome = interpreter.start(frame, frameInput, now, history);
            while (true) {
                switch (outcome) {
                    case Outcome.Ended ended -> {
                        return new TaskResult.Success(ended.output());
                    }
                    case Outcome.Failed failed -> {
                        return new TaskResult.Failure(failed.error(), failed.cause());
                    }
                    case Outcome.Yield yield -> outcome = interpreter.enter(frame.withVariables(yield.variables()),
                            yield.stateName(), yield.input(), now, history);
                    case Outcome.Wait wait -> {
                        advanceTo(wait.until());
                        outcome = interpreter.waitElapsed(frame, wait, now, history);
                    }
                    case Outcome.RunTask task -> {
                        advanceTo(task.notBefore());
                        outcome = interpreter.taskCompleted(frame, task, runTask(frame, task), now, history);
                    }
                    case Outcome.FanOut fanOut -> {
                        advanceTo(fanOut.notBefore());
                        outcome = interpreter.fanInCompleted(frame, fanOut, runChildren(frame, fanOut), now, history);
                    }
                }
            }
        }

        private TaskResult runTask(Frame frame, Outcome.RunTask task) {
            interpreter.taskStarts(frame, task, history);
            return mocks.answer(task.stateName(), task.resource(), task.taskInput(), task.retries().total() + 1);
        }

        /** Children run one after another; the first failure that is not tolerated cancels the rest. */
        private List<TaskResult> runChildren(Frame frame, Outcome.FanOut fanOut) {
            Frame parent = frame.withVariables(fanOut.variables());
            List<TaskResult> results = new ArrayList<>();
            int failures = 0;
            for (Outcome.Child child : fanOut.children()) {
                MachinePath path = frame.path().child(frame.machine(), fanOut, child, results.size());
                StateMachine sub = path.subMachineOf(frame.machine());
                TaskResult result = runFrame(parent.child(sub, path, null), child.input());
                results.add(result);
                if (result instanceof TaskResult.Failure
                        && !fanOut.tolerance().tolerates(++failures, fanOut.children().size())) {
                    break;
                }
            }
            while (results.size() < fanOut.children().size()) {
                results.add(null);
            }
            return results;
        }

        private void advanceTo(Instant instant) {
            if (instant != null && instant.isAfter(now)) {
                now = instant;
            }
            if (deadline != null && now.isAfter(deadline)) {
                throw new TimedOut();
            }
        }

        private List<ObjectNode> numbered() {
            List<ObjectNode> numbered = new ArrayList<>();
            long id = 0;
            for (ObjectNode event : history.events()) {
                ObjectNode copy = event.deepCopy();
                copy.put("id", ++id);
                copy.put("previousEventId", id - 1);
                numbered.add(copy);
            }
            return numbered;
        }
    }

    private static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    public static final class Builder {
        private TaskMocks mocks = TaskMocks.none();
        private RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        private Instant start = Instant.parse("2024-01-01T00:00:00Z");
        private String executionName = "local-execution";

        public Builder mocks(TaskMocks mocks) {
            this.mocks = mocks;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder executionName(String executionName) {
            this.executionName = executionName;
            return this;
        }

        public LocalRunner build() {
            return new LocalRunner(this);
        }
    }
}
