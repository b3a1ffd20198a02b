package io.stepwise.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.ScheduleFires;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.MutableClock;
import io.stepwise.support.MutableClockConfiguration;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Fires after downtime (catchUp) and while the previous fire still runs (overlap), on a clock the test
 * moves: jumping it hours ahead is what a service that was down for those hours sees when it comes
 * back. The context runs ahead of the others in this JVM, so it takes no part in leader election and is
 * closed after the class (see TimersTest).
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {"stepwise.maintenance.enabled=false", "stepwise.schedules.max-sleep=50ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScheduleFiringTest extends IntegrationTest {

    @Autowired
    MutableClock clock;
    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;

    private Instant putHourly(String name, String catchUp) {
        machines.register("report", Json.parse(Asl.single("Done", Asl.pass())), null);
        Api put = new Api(api.put("/v1/schedules/" + name, """
                {"cron": "0 * * * *", "target": {"stateMachine": "report"}, "catchUp": "%s"}""".formatted(catchUp)).body());
        return put.nextFireAt();
    }

    /** The fields of a schedule the tests read. */
    private record Api(JsonNode body) {
        Instant nextFireAt() {
            return body.get("nextFireAt").isNull() ? null : Instant.parse(body.get("nextFireAt").asString());
        }
    }

    private Instant nextFireAt(String schedule) {
        return new Api(api.get("/v1/schedules/" + schedule).body()).nextFireAt();
    }

    /** Waits until the firing loop has moved the schedule on to {@code next}: its pass has committed. */
    private void awaitNextFire(String schedule, Instant next) {
        Eventually.await(Duration.ofSeconds(20), () -> nextFireAt(schedule), n -> Objects.equals(n, next));
    }

    private ExecutionRecord latestExecution() {
        UUID id = jdbc.sql("SELECT id FROM execution ORDER BY start_date DESC, id DESC LIMIT 1").query(UUID.class)
                .single();
        return executions.find(id).orElseThrow();
    }

    private List<String> executionNames(String stateMachine) {
        return jdbc.sql("SELECT name FROM execution WHERE state_machine_name = :m ORDER BY name")
                .param("m", stateMachine).query(String.class).list();
    }

    private String fireName(String schedule, Instant fire) {
        return ScheduleFires.executionName(schedule, fire);
    }

    /** Three hourly fires pass while "nobody runs": the clock jumps 3.5 hours past the first. */
    private Instant downtime(Instant firstFire) {
        clock.advance(Duration.between(clock.instant(), firstFire).plus(Duration.ofMinutes(150)));
        return firstFire.plus(Duration.ofHours(3));
    }

    @Test
    void catchUpNoneSkipsTheMissedFiresAndGoesOnFromNow() {
        Instant first = putHourly("none", "NONE");
        Instant next = downtime(first);
        awaitNextFire("none", next);
        assertThat(executionNames("report")).isEmpty();
    }

    @Test
    void catchUpLatestFiresTheMostRecentMissedFireOnce() {
        Instant first = putHourly("latest", "LATEST");
        Instant next = downtime(first);
        awaitNextFire("latest", next);
        assertThat(executionNames("report")).containsExactly(fireName("latest", first.plus(Duration.ofHours(2))));
    }

    @Test
    void catchUpAllFiresEveryMissedFireOldestFirst() {
        Instant first = putHourly("all", "ALL");
        Instant next = downtime(first);
        awaitNextFire("all", next);
        assertThat(executionNames("report")).containsExactly(fireName("all", first),
                fireName("all", first.plus(Duration.ofHours(1))), fireName("all", first.plus(Duration.ofHours(2))));
        JsonNode schedule = api.get("/v1/schedules/all").body();
        assertThat(schedule.get("lastFireAt").asString()).isEqualTo(first.plus(Duration.ofHours(2)).toString());
    }

    @Test
    void aFireOnTimeStartsAtItsInstantAndTheNextWaits() {
        Instant first = putHourly("on-time", "NONE");
        clock.advance(Duration.between(clock.instant(), first));
        awaitNextFire("on-time", first.plus(Duration.ofHours(1)));
        assertThat(executionNames("report")).containsExactly(fireName("on-time", first));
        ExecutionRecord started = latestExecution();
        assertThat(started.startDate()).isEqualTo(first);
    }

    private UUID putEveryMinuteBlocking(String name, String overlap) throws InterruptedException {
        machines.register("slow", Json.parse(Asl.task("test:block")), null);
        Instant first = Instant.parse(api.put("/v1/schedules/" + name, """
                {"cron": "* * * * *", "target": {"stateMachine": "slow"}, "overlap": "%s"}""".formatted(overlap))
                .body().get("nextFireAt").asString());
        clock.advance(Duration.between(clock.instant(), first));
        awaitNextFire(name, first.plus(Duration.ofMinutes(1)));
        UUID firstRun = latestExecution().id();
        assertThat(TestTaskHandlers.block(firstRun).started().await(20, TimeUnit.SECONDS)).isTrue();
        return firstRun;
    }

    @Test
    void overlapSkipStartsNothingWhileThePreviousRunsAndFiresAgainOnceItEnded() throws InterruptedException {
        UUID first = putEveryMinuteBlocking("skip", "SKIP");
        Instant second = nextFireAt("skip");
        clock.advance(Duration.ofMinutes(1));
        awaitNextFire("skip", second.plus(Duration.ofMinutes(1)));
        assertThat(executionNames("slow")).containsExactly(fireName("skip", second.minus(Duration.ofMinutes(1))));

        executions.stop(first, "Test.Done", null);
        clock.advance(Duration.ofMinutes(1));
        awaitNextFire("skip", second.plus(Duration.ofMinutes(2)));
        assertThat(executionNames("slow")).containsExactly(fireName("skip", second.minus(Duration.ofMinutes(1))),
                fireName("skip", second.plus(Duration.ofMinutes(1))));
        executions.stop(latestExecution().id(), "Test.Done", null);
    }

    @Test
    void overlapCancelPreviousStopsTheRunningOneThenStarts() throws InterruptedException {
        UUID first = putEveryMinuteBlocking("cancel", "CANCEL_PREVIOUS");
        Instant second = nextFireAt("cancel");
        clock.advance(Duration.ofMinutes(1));
        awaitNextFire("cancel", second.plus(Duration.ofMinutes(1)));
        ExecutionRecord stopped = executions.find(first).orElseThrow();
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Schedule.CancelPrevious");
        assertThat(TestTaskHandlers.block(first).ended().await(20, TimeUnit.SECONDS)).isTrue();
        ExecutionRecord latest = latestExecution();
        assertThat(latest.name()).isEqualTo(fireName("cancel", second));
        assertThat(latest.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(api.get("/v1/schedules/cancel").body().get("lastExecutionId").asString())
                .isEqualTo(latest.id().toString());
        executions.stop(latest.id(), "Test.Done", null);
    }

    @Test
    void endAtEndsTheFiresAndStartAtHoldsThemBack() {
        machines.register("report", Json.parse(Asl.single("Done", Asl.pass())), null);
        Instant start = clock.instant().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.HOURS);
        JsonNode put = api.put("/v1/schedules/window", """
                {"cron": "0 * * * *", "target": {"stateMachine": "report"}, "startAt": "%s", "endAt": "%s"}"""
                .formatted(start, start.plus(Duration.ofMinutes(90)))).body();
        assertThat(put.get("nextFireAt").asString()).isEqualTo(start.toString());
        clock.advance(Duration.between(clock.instant(), start));
        awaitNextFire("window", start.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(1));
        Eventually.await(Duration.ofSeconds(20), () -> executionNames("report"), n -> n.size() == 2);
        awaitNextFire("window", null);
        assertThat(executionNames("report")).containsExactly(fireName("window", start),
                fireName("window", start.plus(Duration.ofHours(1))));
    }

    /**
     * Berlin's daylight-saving days in 2027, on the service's clock: 02:30 fires once on 28 March, when
     * the clocks skip from 02:00 to 03:00 (at 03:30 CEST), and once on 31 October, when 02:30 happens
     * twice (at the first, CEST).
     */
    @Test
    void aDailyBerlinFireAt0230FiresOnceOnBothDaylightSavingDays() {
        machines.register("report", Json.parse(Asl.single("Done", Asl.pass())), null);
        api.put("/v1/schedules/berlin", """
                {"cron": "30 2 * * *", "timezone": "Europe/Berlin", "target": {"stateMachine": "report"}}""");
        Instant springForward = Instant.parse("2027-03-28T01:30:00Z");
        clock.advance(Duration.between(clock.instant(), springForward));
        awaitNextFire("berlin", Instant.parse("2027-03-29T00:30:00Z"));
        Instant fallBack = Instant.parse("2027-10-31T00:30:00Z");
        clock.advance(Duration.between(clock.instant(), fallBack));
        awaitNextFire("berlin", Instant.parse("2027-11-01T01:30:00Z"));
        assertThat(executionNames("report")).containsExactly(fireName("berlin", springForward),
                fireName("berlin", fallBack));
    }

    /** A job target goes through the jobs door: one job per fire, its unique key the fire's name. */
    @Test
    void aJobTargetSubmitsOneJobPerFire() {
        JsonNode put = api.put("/v1/schedules/jobs", """
                {"cron": "0 * * * *", "target": {"job": {"type": "stepwise:echo", "payload": {"x": 1},
                 "maxAttempts": 2}}, "catchUp": "ALL"}""").body();
        Instant first = Instant.parse(put.get("nextFireAt").asString());
        clock.advance(Duration.between(clock.instant(), first).plus(Duration.ofMinutes(90)));
        awaitNextFire("jobs", first.plus(Duration.ofHours(2)));
        JsonNode schedule = api.get("/v1/schedules/jobs").body();
        assertThat(schedule.get("lastError").isNull()).as(schedule.toString()).isTrue();
        JsonNode job = api.get("/v1/jobs/" + schedule.get("lastExecutionId").asString()).body();
        assertThat(job.get("type").asString()).isEqualTo("stepwise:echo");
        assertThat(job.get("payload").get("x").asInt()).isEqualTo(1);
        assertThat(job.get("uniqueKey").asString()).isEqualTo(fireName("jobs", first.plus(Duration.ofHours(1))));
        assertThat(jdbc.sql("SELECT count(*) FROM job").query(Integer.class).single()).isEqualTo(2);
    }
}
