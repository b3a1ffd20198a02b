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
import io.stepwise.support.MutableClock;
import io.stepwise.support.MutableClockConfiguration;
import io.stepwise.support.TestTaskHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Durable timers (Wait states, retry backoff) fire when the clock says so: the test moves the clock.
 * Its context runs a day ahead of the others in this JVM, so it takes no part in leader election and is
 * closed after the class: a replica whose clock is that far off would rescue everyone's live steps.
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "stepwise.maintenance.enabled=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TimersTest extends IntegrationTest {

    @Autowired
    MutableClock clock;
    @Autowired
    Clock injected;
    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;
    @Autowired
    HistoryQueries history;

    @AfterEach
    void reset() {
        TestTaskHandlers.FAIL_ON.clear();
    }

    private ExecutionRecord awaitEnd(UUID id) {
        return Eventually.await(Duration.ofSeconds(20), () -> executions.find(id).orElseThrow(),
                e -> e.status() != ExecutionStatus.RUNNING);
    }

    @Test
    void aWaitOfOneDayFiresWhenTheDayHasPassed() {
        assertThat(injected).isSameAs(clock);
        machines.register("day", Json.parse(Asl.of("Sleep", """
                        {"Type": "Wait", "Seconds": 86400, "Next": "Done"}""",
                "Done", """
                        {"Type": "Pass", "Result": "woke", "End": true}""")), null);
        UUID id = executions.start("day", null, null, Json.parse("{}")).execution().id();
        Eventually.await(Duration.ofSeconds(10), () -> steps.statusesOf(id), s -> s.equals(List.of("READY/WAIT")));
        Instant due = steps.only(id).runAt();
        assertThat(Duration.between(clock.instant(), due)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        clock.advance(Duration.ofHours(23));
        assertThat(executions.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(steps.statusesOf(id)).containsExactly("READY/WAIT");
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output().asString()).isEqualTo("woke");
    }

    @Test
    void aRetryWaitsItsJitteredBackoffDurably() {
        machines.register("retry", Json.parse(Asl.task("test:flaky", """
                {"Retry": [{"ErrorEquals": ["Flaky.Error"], "IntervalSeconds": 3600, "BackoffRate": 2.0,
                            "MaxAttempts": 3, "JitterStrategy": "FULL"}]}""")), null);
        TestTaskHandlers.FAIL_ON.add("\"boom\"");
        Instant failedAt = clock.instant();
        UUID id = executions.start("retry", null, null, Json.parse("\"boom\"")).execution().id();
        Eventually.await(Duration.ofSeconds(10), () -> steps.statusesOf(id), s -> s.equals(List.of("READY/TASK")));
        Instant due = steps.only(id).runAt();
        // FULL jitter: somewhere in [0, IntervalSeconds] after the failure
        assertThat(Duration.between(failedAt, due)).isBetween(Duration.ZERO, Duration.ofSeconds(3601));
        TestTaskHandlers.FAIL_ON.clear();
        clock.advance(Duration.ofSeconds(3601));
        ExecutionRecord done = awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(history.all(id)).extracting(HistoryEvent::type).filteredOn("TaskScheduled"::equals)
                .hasSize(2); // first attempt and one retry
    }
}
