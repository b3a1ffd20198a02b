package io.stepwise.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Where an in-line run of the interpreter stopped. Each outcome carries everything the caller must
 * persist to resume later, on any replica: the state, the data, the frame's variables.
 */
public sealed interface Outcome {

    /** The frame's (sub-)machine ended successfully. */
    record Ended(JsonNode output) implements Outcome {
    }

    /**
     * The run made {@link Interpreter#MAX_INLINE_TRANSITIONS} transitions without stopping; persist
     * and enter {@code stateName} again later, as a fresh step.
     */
    record Yield(String stateName, JsonNode input, Map<String, JsonNode> variables) implements Outcome {
    }

    /**
     * The frame failed with an error no Catch handled, at state {@code at} (where a redrive resumes;
     * null when unknown).
     */
    record Failed(String error, String cause, FailedAt at) implements Outcome {
        public Failed(String error, String cause) {
            this(error, cause, null);
        }
    }

    /** The state that failed, the input it had, and the frame's variables then. */
    record FailedAt(String stateName, JsonNode input, Map<String, JsonNode> variables) {
    }

    /**
     * A Task must run: the handler for {@code resource} gets {@code taskInput}; its result comes back
     * through {@link Interpreter#taskCompleted}. {@code notBefore} is null for "now", or the end of a
     * retry's backoff. {@code visit} tells this entry into the state from every other entry into it in
     * the same frame (see {@link Interpreter}); with the retry count it identifies one attempt.
     */
    record RunTask(String stateName, JsonNode stateInput, JsonNode taskInput, String resource, Long timeoutSeconds,
            Long heartbeatSeconds, RetryState retries, Instant notBefore, Instant enteredTime, long visit,
            Map<String, JsonNode> variables) implements Outcome {
    }

    /** A Wait state holds {@code output} until {@code until}; then {@link Interpreter#waitElapsed}. */
    record Wait(String stateName, Instant until, JsonNode output, Map<String, JsonNode> variables)
            implements Outcome {
    }

    /**
     * A Parallel or Map state runs children: one per branch (with the same input) or per item. The
     * caller runs each child frame from its machine's StartAt and hands the results, in order, to
     * {@link Interpreter#fanInCompleted}.
     *
     * @param maxConcurrency 0 for unlimited
     * @param visit as for {@link RunTask}: children of another entry or attempt are other work
     */
    record FanOut(String stateName, JsonNode stateInput, List<Child> children, int maxConcurrency,
            Tolerance tolerance, RetryState retries, Instant notBefore, Instant enteredTime, long visit,
            Map<String, JsonNode> variables) implements Outcome {
    }

    /** One branch or iteration: which sub-machine (branch index, or 0 for Map), its input and Map item. */
    record Child(int branch, JsonNode input, JsonNode mapItem) {
    }

    /** Map's ToleratedFailureCount/Percentage; {@link #NONE} for Parallel and strict Maps. */
    record Tolerance(Integer count, Double percentage) {
        public static final Tolerance NONE = new Tolerance(null, null);

        public boolean isSet() {
            return count != null || percentage != null;
        }

        public boolean tolerates(int failed, int total) {
            if (!isSet()) {
                return failed == 0;
            }
            // with both set, exceeding either one fails the Map, as on AWS
            boolean withinCount = count == null || failed <= count;
            boolean withinPercentage = percentage == null || total == 0 || failed * 100.0 / total <= percentage;
            return withinCount && withinPercentage;
        }
    }
}
