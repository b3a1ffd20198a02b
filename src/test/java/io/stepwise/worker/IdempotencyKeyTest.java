package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The idempotency key a handler receives differs for every piece of work: each visit of a state, each
 * retry, each iteration at every nesting level. (Equal keys for a re-run after a lost lease: {@code
 * ClusterTest}; new keys after a redrive: {@code RedriveTest}.) The handlers here count runs by key, so a
 * handler that dropped duplicates by key would have dropped any work whose key repeats.
 */
class IdempotencyKeyTest extends IntegrationTest {

    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;

    /** Runs the definition to its end and answers how often each key (without the execution id) ran. */
    private Map<String, Integer> runsByKey(String definition, String input, ExecutionStatus expected) {
        machines.register("keys", Json.parse(definition), null);
        UUID id = executions.start("keys", null, null, Json.parse(input)).execution().id();
        ExecutionRecord end = Eventually.await(Duration.ofSeconds(30), () -> executions.find(id).orElseThrow(),
                e -> e.status() != ExecutionStatus.RUNNING);
        assertThat(end.status()).as("%s %s", end.error(), end.cause()).isEqualTo(expected);
        String prefix = id + "/";
        return TestTaskHandlers.RUNS.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length()), e -> e.getValue().get()));
    }

    @Test
    void aTaskVisitedAgainThroughAChoiceLoopGetsANewKeyOnEveryVisit() {
        Map<String, Integer> runs = runsByKey("""
                {"QueryLanguage": "JSONata", "StartAt": "Count", "States": {
                  "Count": {"Type": "Task", "Resource": "test:count", "Output": {"n": "{% $states.input.n + 1 %}"},
                            "Next": "Again?"},
                  "Again?": {"Type": "Choice", "Default": "Done",
                             "Choices": [{"Condition": "{% $states.input.n < 3 %}", "Next": "Count"}]},
                  "Done": {"Type": "Succeed"}}}""", "{\"n\": 0}", ExecutionStatus.SUCCEEDED);

        // three visits, each entered at a later event (entered, scheduled, started, succeeded, exited, and
        // the Choice's entered and exited: 7 events per round), each run once
        assertThat(runs).containsExactlyInAnyOrderEntriesOf(Map.of("0/Count#2.0", 1, "0/Count#9.0", 1,
                "0/Count#16.0", 1));
    }

    @Test
    void eachRetryOfATaskIsANewAttemptOfTheSameVisit() {
        TestTaskHandlers.FAIL_ON.add("{\"x\":1}");
        Map<String, Integer> runs = runsByKey(Asl.task("test:flaky", """
                {"Retry": [{"ErrorEquals": ["Flaky.Error"], "IntervalSeconds": 1, "MaxAttempts": 2,
                            "BackoffRate": 1}]}"""),
                "{\"x\": 1}", ExecutionStatus.FAILED);

        assertThat(runs).containsExactlyInAnyOrderEntriesOf(Map.of("0/Work#2.0", 1, "0/Work#2.1", 1,
                "0/Work#2.2", 1));
    }

    @Test
    void nestedMapIterationsThatShareAnInnerIndexGetDifferentKeys() {
        // each iteration's events start with MapIterationStarted, so its first state is entered at the
        // event after the Map's MapStateStarted + 1
        Map<String, Integer> runs = runsByKey(Asl.single("Outer", Asl.map(Asl.single("Inner", Asl.map(
                Asl.task("test:count"))))), "[[\"a\", \"b\"], [\"c\", \"d\"]]", ExecutionStatus.SUCCEEDED);

        assertThat(runs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "0/Outer#2.0[0]/Inner#5.0[0]/Work#8.0", 1, "0/Outer#2.0[0]/Inner#5.0[1]/Work#8.0", 1,
                "0/Outer#2.0[1]/Inner#5.0[0]/Work#8.0", 1, "0/Outer#2.0[1]/Inner#5.0[1]/Work#8.0", 1));
    }

    @Test
    void aMapEnteredTwiceStartsIterationsWithOtherKeys() {
        Map<String, Integer> runs = runsByKey("""
                {"QueryLanguage": "JSONata", "StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "Items": "{% $states.input.items %}", "Next": "Again?",
                    "Output": {"items": "{% $states.input.items %}", "round": "{% $states.input.round + 1 %}"},
                    "ItemProcessor": {"StartAt": "Work", "States": {
                      "Work": {"Type": "Task", "Resource": "test:count", "End": true}}}},
                  "Again?": {"Type": "Choice", "Default": "Done",
                             "Choices": [{"Condition": "{% $states.input.round < 2 %}", "Next": "Each"}]},
                  "Done": {"Type": "Succeed"}}}""", "{\"items\": [1, 2], \"round\": 0}", ExecutionStatus.SUCCEEDED);

        assertThat(runs).hasSize(4).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        assertThat(runs.keySet()).filteredOn(key -> key.startsWith("0/Each#2.0[")).hasSize(2);
    }
}
