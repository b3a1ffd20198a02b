package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.HistoryEvent;
import io.stepwise.store.HistoryQueries;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The durable engine end to end: real workers, real PostgreSQL, real task handlers. */
class DurableEngineTest extends IntegrationTest {

    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;
    @Autowired
    HistoryQueries history;
    @Autowired
    InFlightSteps inFlight;

    ExecutionRecord runToEnd(String definition, String input) {
        UUID id = start(definition, input);
        try {
            return Eventually.await(Duration.ofSeconds(30), () -> executions.find(id).orElseThrow(),
                    e -> e.status() != ExecutionStatus.RUNNING);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsteps: " + steps.dump(), e);
        }
    }

    UUID start(String definition, String input) {
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        machines.register(name, Json.parse(definition), null);
        return executions.start(name, null, null, Json.parse(input)).execution().id();
    }

    List<String> eventTypes(UUID id) {
        return history.all(id).stream().map(HistoryEvent::type).toList();
    }

    @Test
    void aFiveStateWorkflowWithTasksSucceeds() {
        var done = runToEnd("""
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$.n", "tag": "x"}, "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "stepwise:echo", "ResultPath": "$.echoed", "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "More"}],
                            "Default": "Done"},
                  "More": {"Type": "Task", "Resource": "stepwise:echo", "OutputPath": "$.echoed", "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}""", "{\"n\": 2}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(Json.parse("{\"n\": 2, \"tag\": \"x\"}"));
        assertThat(eventTypes(done.id())).contains("TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ChoiceStateEntered", "SucceedStateExited");
        assertThat(steps.count()).isZero();
    }

    @Test
    void aTaskFailureIsRetriedThenCaught() {
        var done = runToEnd(Asl.of("Boom", """
                        {"Type": "Task", "Resource": "stepwise:fail",
                         "Parameters": {"error": "Custom.Error", "cause": "it broke"},
                         "Retry": [{"ErrorEquals": ["Custom.Error"], "IntervalSeconds": 1, "MaxAttempts": 1,
                                    "BackoffRate": 1.0, "MaxDelaySeconds": 1, "JitterStrategy": "FULL"}],
                         "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}],
                         "End": true}""",
                "Handled", Asl.pass()), "{\"a\": 1}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(Json.parse(
                "{\"a\": 1, \"error\": {\"Error\": \"Custom.Error\", \"Cause\": \"it broke\"}}"));
        // the first attempt and its one retry
        assertThat(eventTypes(done.id())).filteredOn("TaskFailed"::equals).hasSize(2);
    }

    @Test
    void anUncaughtTaskFailureFailsTheExecution() {
        var done = runToEnd(Asl.task("stepwise:fail", """
                {"Parameters": {"error": "Payment.Declined", "cause": "card expired"}}"""), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Payment.Declined");
        assertThat(done.cause()).isEqualTo("card expired");
    }

    @Test
    void parallelBranchesAndAMapWithMaxConcurrencyJoinInOrder() {
        var done = runToEnd("""
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Next": "Each", "ResultPath": "$.both", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "stepwise:echo",
                                                       "OutputPath": "$.items[0]", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]},
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
                    "ItemProcessor": {"StartAt": "Double", "States": {
                      "Double": {"Type": "Task", "Resource": "stepwise:echo",
                                 "Parameters": {"v.$": "States.MathAdd($, $)"}, "OutputPath": "$.v", "End": true}}}}}}""",
                "{\"items\": [1, 2, 3, 4, 5]}");
        assertThat(done.status()).as("%s %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo(Json.parse("[2, 4, 6, 8, 10]"));
        assertThat(steps.count()).isZero();
    }

    @Test
    void aFailingMapIterationFailsTheMapAndCancelsTheRest() {
        var done = runToEnd("""
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                    "ItemProcessor": {"StartAt": "Pick", "States": {
                      "Pick": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Bad"}],
                               "Default": "Good"},
                      "Good": {"Type": "Task", "Resource": "stepwise:echo", "End": true},
                      "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "two"}}}}}}""", "[1, 2, 3, 4]");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Item.Bad");
    }

    @Test
    void aTaskTimeoutFailsWithStatesTimeout() {
        var done = runToEnd(Asl.task("stepwise:sleep", """
                {"Parameters": {"millis": 60000}, "TimeoutSeconds": 1}"""), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Timeout");
    }

    @Test
    void aMissedHeartbeatFailsWithStatesHeartbeatTimeout() {
        var done = runToEnd(Asl.task("test:block", """
                {"HeartbeatSeconds": 1, "TimeoutSeconds": 30}"""), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void stoppingARunningExecutionAbortsItAndCancelsItsHandler() throws InterruptedException {
        UUID id = start(Asl.of("Wait", """
                        {"Type": "Task", "Resource": "test:block", "Next": "After"}""",
                "After", Asl.pass()), "{}");
        var block = TestTaskHandlers.block(id);
        assertThat(block.started().await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executions.stop(id, "User.Stop", "enough")).isTrue();
        assertThat(block.ended().await(30, TimeUnit.SECONDS)).isTrue();
        var stopped = executions.find(id).orElseThrow();
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("User.Stop");
        // the cancelled handler's completion is refused: its step stays CANCELLED (for a redrive) and
        // nothing moves past ABORTED
        Eventually.await(Duration.ofSeconds(10), () -> inFlight.size(), n -> n == 0);
        assertThat(steps.of(id)).extracting(step -> step.status() + "/" + step.stateName())
                .containsExactly("CANCELLED/Wait");
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(executions.stop(id, null, null)).isFalse();
    }

    @Test
    void theTopLevelTimeoutSecondsEndsTheExecutionTimedOut() {
        var done = runToEnd("""
                {"TimeoutSeconds": 1, "StartAt": "Forever", "States": {
                  "Forever": {"Type": "Task", "Resource": "test:block", "End": true}}}""", "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(done.error()).isEqualTo("States.Timeout");
        // its handler learns at once (same replica) or at the next lease renewal, and nothing commits after
        Eventually.await(Duration.ofSeconds(10), () -> inFlight.size(), n -> n == 0);
        assertThat(executions.find(done.id()).orElseThrow().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    }
}
