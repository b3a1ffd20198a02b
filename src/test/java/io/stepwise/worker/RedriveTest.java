package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.RedriveNotAllowedException;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.StepTable;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Redrive resumes failed executions where they failed, keeping what succeeded. */
class RedriveTest extends IntegrationTest {

    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;

    ExecutionRecord awaitEnd(UUID id) {
        return Eventually.await(Duration.ofSeconds(30), () -> executions.find(id).orElseThrow(),
                e -> e.status() != ExecutionStatus.RUNNING);
    }

    @Test
    void aRedrivenMapRerunsOnlyItsFailedIterations() {
        machines.register("each", Json.parse(Asl.of("Each", Asl.map(Asl.task("test:flaky"), """
                        {"MaxConcurrency": 1, "Next": "Done"}"""),
                "Done", Asl.pass())), null);
        TestTaskHandlers.FAIL_ON.add("3");
        UUID id = executions.start("each", null, null, Json.parse("[1, 2, 3, 4, 5]")).execution().id();
        ExecutionRecord failed = awaitEnd(id);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Flaky.Error");

        TestTaskHandlers.FAIL_ON.clear();
        ExecutionRecord redriven = executions.redrive(id);
        assertThat(redriven.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(redriven.redriveCount()).isEqualTo(1);
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(Json.parse("[1, 2, 3, 4, 5]"));
        Map<String, Integer> runs = TestTaskHandlers.RUNS.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().substring(e.getKey().indexOf('/') + 1),
                        e -> e.getValue().get()));
        // one at a time (MaxConcurrency 1): the iterations that succeeded before the failure kept their
        // results and ran once; the failed one ran again, after the redrive (redrive count 1, entered anew
        // after its iteration's 6 events up to MapIterationFailed), under a new key; the two never started
        // ran once, after the redrive
        assertThat(runs).containsExactlyInAnyOrderEntriesOf(Map.of("0/Each#2.0[0]/Work#5.0", 1,
                "0/Each#2.0[1]/Work#5.0", 1, "0/Each#2.0[2]/Work#5.0", 1, "1/Each#2.0[2]/Work#10.0", 1,
                "1/Each#2.0[3]/Work#5.0", 1, "1/Each#2.0[4]/Work#5.0", 1));
        assertThat(steps.of(id)).isEmpty();
    }

    @Test
    void aFailedIterationBeyondMaxConcurrencyIsRedrivenBlocked() {
        // two tolerated-then-fatal failures one at a time, so two iterations are kept FAILED, the third CANCELLED
        machines.register("twice", Json.parse(Asl.single("Each", Asl.map(Asl.task("test:flaky"), """
                {"MaxConcurrency": 1, "ToleratedFailureCount": 1}"""))), null);
        TestTaskHandlers.FAIL_ON.addAll(List.of("1", "2"));
        UUID id = executions.start("twice", null, null, Json.parse("[1, 2, 3]")).execution().id();
        assertThat(awaitEnd(id).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(steps.childStatusesOf(id)).containsExactly("FAILED", "FAILED", "CANCELLED");

        // out of the workers' queue, so what the redrive wrote stays to be seen
        steps.park(id);
        executions.redrive(id);
        assertThat(steps.of(id)).filteredOn(step -> step.parentId() == null).extracting(StepTable.Step::status)
                .containsExactly("WAITING");
        // the second FAILED iteration waits for the first: FAILED -> BLOCKED, a move StepStatus.moves() lists
        assertThat(steps.childStatusesOf(id)).containsExactly("READY", "BLOCKED", "BLOCKED");
    }

    @Test
    void aRedriveResumesAtTheFailedStateWithItsInput() {
        machines.register("chain", Json.parse(Asl.of("First", """
                        {"Type": "Task", "Resource": "test:count", "ResultPath": "$.first", "Next": "Second"}""",
                "Second", """
                        {"Type": "Task", "Resource": "test:flaky", "InputPath": "$.v", "ResultPath": null,
                         "End": true}""")),
                null);
        TestTaskHandlers.FAIL_ON.add("7");
        UUID id = executions.start("chain", null, "order-7", Json.parse("{\"v\": 7}")).execution().id();
        assertThat(awaitEnd(id).status()).isEqualTo(ExecutionStatus.FAILED);
        TestTaskHandlers.FAIL_ON.clear();
        executions.redrive(id);
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(Json.parse("{\"v\": 7, \"first\": {\"v\": 7}}"));
        assertThat(TestTaskHandlers.RUNS.values().stream().mapToInt(AtomicInteger::get).sum())
                .as("First ran once, Second twice").isEqualTo(3);
    }

    @Test
    void anAbortedExecutionCanBeRedrivenButARunningOrSucceededOneCannot() {
        machines.register("quick", Json.parse(Asl.of("W", """
                        {"Type": "Wait", "Seconds": 3600, "Next": "T"}""",
                "T", """
                        {"Type": "Task", "Resource": "test:count", "End": true}""")), null);
        UUID id = executions.start("quick", null, null, Json.parse("{}")).execution().id();
        Eventually.await(Duration.ofSeconds(10), () -> steps.of(id).stream().filter(step -> step.kind().equals("WAIT"))
                .count(), n -> n == 1);
        assertThatThrownBy(() -> executions.redrive(id)).isInstanceOf(RedriveNotAllowedException.class);
        assertThat(executions.stop(id, null, null)).isTrue();
        ExecutionRecord redriven = executions.redrive(id);
        assertThat(redriven.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(steps.statusesOf(id)).containsExactly("READY/WAIT");
        // the redrive resumes the cut-off Wait; it does not skip what is left of the hour
        assertThat(steps.only(id).runAt()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
    }
}
