package io.stepwise.task;

import tools.jackson.databind.JsonNode;

/** How one run of a handler ended, as {@link TaskHandlers#invoke(TaskRequest)} reports it. */
public sealed interface TaskOutcome {

    /** The handler returned; {@code output} is never Java null (JSON null is a NullNode). */
    record Succeeded(JsonNode output) implements TaskOutcome {
    }

    /** The task failed with an ASL error and cause, for Retry and Catch to match. */
    record Failed(String error, String cause) implements TaskOutcome {
    }

    /** The run was cancelled (or its thread interrupted); whatever the handler did is discarded. */
    record Cancelled() implements TaskOutcome {
    }
}
