package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.Json;
import io.stepwise.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Retry and Catch of a Task, run whole through {@link LocalRunner}. The virtual clock is observed
 * through the execution's TimeoutSeconds: a run whose backoffs add up to more than the timeout times
 * out, one that fits exactly does not.
 */
class RetryAndCatchTest {

    /** A task that always fails with {@code Boom}, remembering each attempt's $$.State.RetryCount. */
    private static final class AlwaysFails implements TaskMocks {
        final List<Integer> retryCounts = new ArrayList<>();
        final List<Integer> attempts = new ArrayList<>();

        @Override
        public TaskResult answer(String stateName, String resource, JsonNode input, int attempt) {
            retryCounts.add(input.get("retryCount").asInt());
            attempts.add(attempt);
            return new TaskResult.Failure("Boom", "it broke");
        }
    }

    private static StateMachine machine(String retry, String extra) {
        return DefinitionParser.parse(Json.parse("""
                {%s "StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "test:work",
                           "Parameters": {"retryCount.$": "$$.State.RetryCount"},
                           "Retry": %s, "End": true}}}""".formatted(extra, retry)));
    }

    private static LocalRunner.Result run(StateMachine machine, TaskMocks mocks, long seed) {
        return LocalRunner.builder().mocks(mocks).random(new SplittableRandom(seed)).build()
                .run(machine, Json.parse("{\"order\": 1}"));
    }

    @Test
    void maxAttemptsCountsRetriesAfterTheFirstAttempt() {
        var task = new AlwaysFails();
        var result = run(machine("[{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 2}]", ""), task, 1);

        assertThat(task.attempts).containsExactly(1, 2, 3);
        assertThat(task.retryCounts).containsExactly(0, 1, 2);
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.error()).isEqualTo("Boom");
        assertThat(result.cause()).isEqualTo("it broke");
    }

    @Test
    void maxAttemptsZeroMeansNoRetry() {
        var task = new AlwaysFails();
        run(machine("[{\"ErrorEquals\": [\"Boom\"], \"MaxAttempts\": 0}]", ""), task, 1);

        assertThat(task.attempts).containsExactly(1);
    }

    @Test
    void anExhaustedFirstMatchingRetrierLetsNoLaterRetrierApply() {
        var task = new AlwaysFails();
        run(machine("""
                [{"ErrorEquals": ["Boom"], "MaxAttempts": 1},
                 {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]""", ""), task, 1);

        assertThat(task.attempts).containsExactly(1, 2);
    }

    @Test
    void aRetrierThatDoesNotMatchIsSkippedForTheNextThatDoes() {
        var task = new AlwaysFails();
        run(machine("""
                [{"ErrorEquals": ["Other"], "MaxAttempts": 5},
                 {"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 1}]""", ""), task, 1);

        assertThat(task.attempts).containsExactly(1, 2);
    }

    @Test
    void catchResultPathPlacesTheErrorOutputInTheStateInput() {
        StateMachine machine = DefinitionParser.parse(Json.parse("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "test:work", "End": true,
                           "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1}],
                           "Catch": [{"ErrorEquals": ["Other"], "Next": "Wrong"},
                                     {"ErrorEquals": ["Boom"], "ResultPath": "$.error", "Next": "Handled"}]},
                  "Wrong": {"Type": "Fail", "Error": "WrongCatcher"},
                  "Handled": {"Type": "Pass", "End": true}}}"""));
        var result = LocalRunner.builder().mocks((state, resource, input, attempt) ->
                new TaskResult.Failure("Boom", "attempt " + attempt)).build().run(machine, Json.parse("{\"order\": 1}"));

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo(Json.parse("""
                {"order": 1, "error": {"Error": "Boom", "Cause": "attempt 2"}}"""));
    }

    @Test
    void backoffAdvancesTheVirtualClockByIntervalTimesBackoffRate() {
        // delays 10 s, 20 s, 40 s: the third retry starts at exactly 70 s
        String retry = "[{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 10, \"BackoffRate\": 2, \"MaxAttempts\": 3}]";

        var fits = run(machine(retry, "\"TimeoutSeconds\": 70,"), new AlwaysFails(), 1);
        var tooShort = new AlwaysFails();
        var timedOut = run(machine(retry, "\"TimeoutSeconds\": 69,"), tooShort, 1);

        assertThat(fits.status()).isEqualTo("FAILED");
        assertThat(timedOut.status()).isEqualTo("TIMED_OUT");
        assertThat(tooShort.retryCounts).containsExactly(0, 1, 2);
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        // delays 10 s, then 20 s and 40 s capped to 15 s: 40 s in all
        String retry = """
                [{"ErrorEquals": ["Boom"], "IntervalSeconds": 10, "BackoffRate": 2, "MaxAttempts": 3,
                  "MaxDelaySeconds": 15}]""";

        assertThat(run(machine(retry, "\"TimeoutSeconds\": 40,"), new AlwaysFails(), 1).status()).isEqualTo("FAILED");
        assertThat(run(machine(retry, "\"TimeoutSeconds\": 39,"), new AlwaysFails(), 1).status())
                .isEqualTo("TIMED_OUT");
    }

    @Test
    void fullJitterDrawsEachBackoffFromTheSeededRandom() {
        long seed = 42;
        var draws = new SplittableRandom(seed);
        double total = draws.nextDouble() * 10 + draws.nextDouble() * 20 + draws.nextDouble() * 40;
        String retry = """
                [{"ErrorEquals": ["Boom"], "IntervalSeconds": 10, "BackoffRate": 2, "MaxAttempts": 3,
                  "JitterStrategy": "FULL"}]""";

        var fits = run(machine(retry, "\"TimeoutSeconds\": " + (long) Math.ceil(total) + ","), new AlwaysFails(),
                seed);
        var timedOut = run(machine(retry, "\"TimeoutSeconds\": " + (long) Math.floor(total) + ","),
                new AlwaysFails(), seed);

        assertThat(total).isLessThan(70).isNotEqualTo(Math.floor(total));
        assertThat(fits.status()).isEqualTo("FAILED");
        assertThat(timedOut.status()).isEqualTo("TIMED_OUT");
    }
}
