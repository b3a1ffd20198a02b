package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.HistoryQueries;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.StepTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Edge cases found in review of the durable engine; each failed before its fix. */
class EngineEdgeCasesTest extends IntegrationTest {

    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;
    @Autowired
    HistoryQueries history;
    @Autowired
    InFlightSteps inFlight;
    @Autowired
    DataSource dataSource;

    UUID start(String definition, String input) {
        String name = "m" + UUID.randomUUID().toString().substring(0, 8);
        machines.register(name, Json.parse(definition), null);
        return executions.start(name, null, null, Json.parse(input)).execution().id();
    }

    ExecutionRecord awaitEnd(UUID id) {
        return Eventually.await(Duration.ofSeconds(30), () -> executions.find(id).orElseThrow(),
                e -> e.status() != ExecutionStatus.RUNNING);
    }

    /** One task's timeout cancelled the whole step, and the next Task of the same run "was cancelled". */
    @Test
    void aTaskAfterACaughtTimeoutRunsNormally() {
        UUID id = start(Asl.of("Slow", """
                        {"Type": "Task", "Resource": "stepwise:sleep", "Parameters": {"millis": 5000},
                         "TimeoutSeconds": 1, "ResultPath": null,
                         "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "After"}],
                         "Next": "After"}""",
                "After", """
                        {"Type": "Task", "Resource": "stepwise:echo", "End": true}"""), "{\"a\": 1}");
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).as("%s: %s", done.error(), done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output().path("error").path("Error").asString()).isEqualTo("States.Timeout");
    }

    /** A failure beyond tolerance cancelled only direct children; nested grandchildren ran on. */
    @Test
    void aFailedMapStopsItsNestedGrandchildren() {
        UUID id = start("""
                {"StartAt": "Outer", "States": {"Outer": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "Route", "States": {
                    "Route": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Pause"}],
                              "Default": "Inner"},
                    "Pause": {"Type": "Task", "Resource": "stepwise:sleep", "Parameters": {"millis": 1000},
                              "Next": "Boom"},
                    "Boom": {"Type": "Fail", "Error": "Boom"},
                    "Inner": {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "stepwise:sleep",
                        "Parameters": {"millis": 4000}, "End": true}}}]}}}}}}""", "[0, 1]");
        ExecutionRecord failed = awaitEnd(id);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(steps.of(id)).extracting(StepTable.Step::status)
                .doesNotContain("READY", "RUNNING", "BLOCKED", "WAITING");
        // the grandchild's handler finishes its sleep, and its completion is refused
        Eventually.await(Duration.ofSeconds(20), inFlight::size, n -> n == 0);
        assertThat(history.all(id)).filteredOn(event -> event.timestamp().isAfter(failed.stopDate())).isEmpty();
    }

    /** Payloads are stored as json text, so a U+0000 inside a JSON string survives a Wait and comes back. */
    @Test
    void aNulCharacterInAPayloadIsKept() {
        UUID id = start(Asl.of("Nul", """
                        {"Type": "Pass", "Parameters": {"v.$": "States.Base64Decode('AA==')"}, "Next": "W"}""",
                "W", """
                        {"Type": "Wait", "Seconds": 1, "End": true}"""), "{}");
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output().get("v").asString()).isEqualTo("\u0000");
    }

    /** A completion the database rejects (a text column has no U+0000) made the step run again forever. */
    @Test
    void aResultTheDatabaseRejectsFailsTheExecution() {
        UUID id = start(Asl.of("Nul", """
                        {"Type": "Pass", "Parameters": {"v.$": "States.Base64Decode('AA==')"}, "Next": "F"}""",
                "F", """
                        {"Type": "Fail", "Error": "Custom", "CausePath": "$.v"}"""), "{}");
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Runtime");
    }

    /**
     * Stop racing a fan-out: the stop's UPDATE of steps never saw children inserted by a completion
     * that committed while it waited. Completions now lock their execution first, as stop does.
     */
    @Test
    void aStopRacingAFanOutCancelsTheNewChildren() throws Exception {
        UUID id = start(Asl.single("W", """
                {"Type": "Wait", "Seconds": 3600, "End": true}"""), "{}");
        long parent = Eventually.await(Duration.ofSeconds(10), () -> steps.of(id).stream()
                .filter(step -> step.statusAndKind().equals("READY/WAIT")).findFirst(), Optional::isPresent)
                .orElseThrow().id();
        CompletableFuture<Boolean> stop;
        try (Connection completion = dataSource.getConnection()) {
            completion.setAutoCommit(false);
            // what StepCompletions does for a fan-out: lock the execution, park the parent, insert children
            try (PreparedStatement lock = completion.prepareStatement(
                    "SELECT id FROM execution WHERE id = ? AND status = 'RUNNING' FOR SHARE");
                    PreparedStatement wait = completion.prepareStatement(
                            "UPDATE step SET status = 'WAITING', kind = 'FAN_IN', pending_children = 1, "
                                    + "failed_children = 0 WHERE id = ?");
                    PreparedStatement child = completion.prepareStatement(
                            "INSERT INTO step (execution_id, parent_id, branch_index, status, kind, state_name, input, "
                                    + "run_at, created_at) VALUES (?, ?, 0, 'READY', 'ENTER', 'W', '{}', "
                                    + "now() + interval '1 day', now())")) {
                lock.setObject(1, id);
                lock.executeQuery().close();
                wait.setLong(1, parent);
                wait.executeUpdate();
                child.setObject(1, id);
                child.setLong(2, parent);
                child.executeUpdate();
            }
            stop = CompletableFuture.supplyAsync(() -> executions.stop(id, null, null));
            Eventually.await(Duration.ofSeconds(10), () -> jdbc.sql("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE '%execution%'").query(Integer.class).single(),
                    n -> n > 0);
            completion.commit();
        }
        assertThat(stop.get()).isTrue();
        assertThat(steps.childStatusesOf(id)).containsOnly("CANCELLED");
    }
}
