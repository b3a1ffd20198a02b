package io.stepwise.engine;

import tools.jackson.databind.JsonNode;

/** Answers Task states when a workflow runs in-process: a test's stand-in for real task handlers. */
@FunctionalInterface
public interface TaskMocks {

    /**
     * @param attempt 1 for the first run of the task, 2 for its first retry, …
     */
    TaskResult answer(String stateName, String resource, JsonNode input, int attempt);

    /** Every task fails: for workflows that must not reach a Task. */
    static TaskMocks none() {
        return (state, resource, input, attempt) -> new TaskResult.Failure("States.TaskFailed",
                "No mock answers Task state '" + state + "' (" + resource + ").");
    }

    /** Every task returns its input. */
    static TaskMocks echo() {
        return (state, resource, input, attempt) -> new TaskResult.Success(input);
    }
}
