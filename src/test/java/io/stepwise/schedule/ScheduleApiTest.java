package io.stepwise.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.ScheduleFires;
import io.stepwise.support.Api;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The REST face of schedules, and a live schedule firing on the service's own clock. */
class ScheduleApiTest extends IntegrationTest {

    private static final DateTimeFormatter FIRE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Api.Response put(String name, String body) {
        return api.put("/v1/schedules/" + name, body);
    }

    private Api.Response delete(String name) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/schedules/" + name))
                .DELETE());
    }

    private void assertProblem(Api.Response response, String pointer) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("pointer").asString()).as(response.raw()).isEqualTo(pointer);
    }

    @Test
    void putCreatesThenReplacesAndGetShowsTheNextFire() {
        Api.Response created = put("nightly", """
                {"cron": "30 2 * * *", "timezone": "Europe/Berlin", "target": {"stateMachine": "report"},
                 "input": {"kind": "sales"}, "overlap": "SKIP", "catchUp": "LATEST"}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/v1/schedules/nightly");
        JsonNode body = created.body();
        assertThat(body.get("target").get("stateMachine").asString()).isEqualTo("report");
        assertThat(body.get("input").get("kind").asString()).isEqualTo("sales");
        assertThat(body.get("overlap").asString()).isEqualTo("SKIP");
        assertThat(body.get("catchUp").asString()).isEqualTo("LATEST");
        assertThat(body.get("paused").asBoolean()).isFalse();
        Instant next = Instant.parse(body.get("nextFireAt").asString());
        // 02:30 in Berlin is 00:30 or 01:30 UTC, within the coming day
        assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(25)));
        assertThat(next.toString()).matches(".*T0[01]:30:00Z");

        Api.Response replaced = put("nightly", """
                {"cron": "0 12 * * *", "target": {"stateMachine": "report", "version": 2}}""");
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode got = api.get("/v1/schedules/nightly").body();
        assertThat(got.get("cron").asString()).isEqualTo("0 12 * * *");
        assertThat(got.get("timezone").asString()).isEqualTo("UTC");
        assertThat(got.get("target").get("version").asInt()).isEqualTo(2);
        assertThat(got.get("overlap").asString()).isEqualTo("ALLOW");
        assertThat(got.get("catchUp").asString()).isEqualTo("NONE");
        assertThat(got.get("nextFireAt").asString()).endsWith("T12:00:00Z");
        assertThat(got.get("createdAt")).isEqualTo(body.get("createdAt"));
    }

    @Test
    void theListingShowsEachSchedulesNextFireByNameAPageAtATime() {
        put("b-hourly", """
                {"cron": "@hourly", "target": {"stateMachine": "m"}}""");
        put("a-yearly", """
                {"cron": "@yearly", "timezone": "America/New_York", "target": {"stateMachine": "m"}}""");
        put("c-job", """
                {"cron": "0 0 1 1 *", "target": {"job": {"type": "stepwise:echo", "payload": {"x": 1}}},
                 "startAt": "2030-06-01T00:00:00Z"}""");
        JsonNode first = api.get("/v1/schedules?limit=2").body();
        assertThat(first.get("items").valueStream().map(i -> i.get("name").asString()).toList())
                .containsExactly("a-yearly", "b-hourly");
        JsonNode yearly = first.get("items").get(0);
        int nextYear = java.time.ZonedDateTime.now(java.time.ZoneId.of("America/New_York")).getYear() + 1;
        assertThat(yearly.get("nextFireAt").asString()).isEqualTo(nextYear + "-01-01T05:00:00Z");
        Instant hourly = Instant.parse(first.get("items").get(1).get("nextFireAt").asString());
        assertThat(hourly).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(first.get("nextCursor").isNull()).isFalse();

        JsonNode second = api.get("/v1/schedules?limit=2&cursor=" + first.get("nextCursor").asString()).body();
        JsonNode job = second.get("items").get(0);
        assertThat(job.get("name").asString()).isEqualTo("c-job");
        assertThat(job.get("target").get("job").get("type").asString()).isEqualTo("stepwise:echo");
        assertThat(job.get("target").get("job").get("payload").get("x").asInt()).isEqualTo(1);
        // startAt holds the first fire back
        assertThat(job.get("nextFireAt").asString()).isEqualTo("2031-01-01T00:00:00Z");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void pauseAndResumeByPostOrByPut() {
        put("p", """
                {"cron": "@hourly", "target": {"stateMachine": "m"}}""");
        Api.Response paused = api.post("/v1/schedules/p/pause", "");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("paused").asBoolean()).isTrue();
        assertThat(paused.body().get("nextFireAt").isNull()).isTrue();
        // a PUT without "paused" keeps the state
        put("p", """
                {"cron": "@daily", "target": {"stateMachine": "m"}}""");
        assertThat(api.get("/v1/schedules/p").body().get("paused").asBoolean()).isTrue();
        Api.Response resumed = api.post("/v1/schedules/p/resume", "");
        assertThat(resumed.body().get("paused").asBoolean()).isFalse();
        assertThat(resumed.body().get("nextFireAt").asString()).endsWith("T00:00:00Z");
        put("p", """
                {"cron": "@daily", "target": {"stateMachine": "m"}, "paused": true}""");
        assertThat(api.get("/v1/schedules/p").body().get("paused").asBoolean()).isTrue();
        assertThat(api.post("/v1/schedules/nope/pause", "").status()).isEqualTo(404);
        assertThat(api.post("/v1/schedules/nope/resume", "").status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesIt() {
        put("d", """
                {"cron": "@hourly", "target": {"stateMachine": "m"}}""");
        assertThat(delete("d").status()).isEqualTo(204);
        assertThat(api.get("/v1/schedules/d").status()).isEqualTo(404);
        Api.Response again = delete("d");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:stepwise:problem:not-found");
    }

    @Test
    void badInputIsAProblemPointingAtTheField() {
        assertProblem(put("x", """
                {"cron": "61 * * * *", "target": {"stateMachine": "m"}}"""), "/cron");
        assertProblem(put("x", """
                {"cron": "* * * *", "target": {"stateMachine": "m"}}"""), "/cron");
        assertProblem(put("x", """
                {"cron": "@fortnightly", "target": {"stateMachine": "m"}}"""), "/cron");
        assertProblem(put("x", """
                {"cron": "0 0 30 2 *", "target": {"stateMachine": "m"}}"""), "/cron");
        assertProblem(put("x", """
                {"target": {"stateMachine": "m"}}"""), "/cron");
        assertProblem(put("x", """
                {"cron": "@daily", "timezone": "Europe/Atlantis", "target": {"stateMachine": "m"}}"""), "/timezone");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {}}"""), "/target");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"stateMachine": "m", "job": {"type": "stepwise:echo"}}}"""), "/target");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"job": [1]}}"""), "/target/job");
        // a job target is the body of POST /v1/jobs, by the same rules; the schedule sets runAt and the unique key
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"job": {"tpye": "stepwise:echo"}}}"""), "/target/job");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"job": {"type": ""}}}"""), "/target/job/type");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"job": {"type": "stepwise:echo", "backoff": {"rate": 0.5}}}}"""),
                "/target/job/backoff/rate");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"job": {"type": "stepwise:echo", "uniqueKey": "k"}}}"""),
                "/target/job/uniqueKey");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"job": {"type": "stepwise:echo", "runAt": "2030-01-01T00:00:00Z"}}}"""),
                "/target/job/runAt");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"stateMachine": "m", "version": 0}}"""), "/target/version");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"stateMachine": "m"}, "overlap": "SOMETIMES"}"""), "/overlap");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"stateMachine": "m"}, "catchUp": "SOME"}"""), "/catchUp");
        assertProblem(put("x", """
                {"cron": "@daily", "target": {"stateMachine": "m"}, "startAt": "2030-01-02T00:00:00Z",
                 "endAt": "2030-01-01T00:00:00Z"}"""), "/endAt");
        Api.Response badName = put("a".repeat(64), """
                {"cron": "@daily", "target": {"stateMachine": "m"}}""");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().get("type").asString()).isEqualTo("urn:stepwise:problem:invalid-parameter");
        assertThat(api.get("/v1/schedules").body().get("items")).isEmpty();
    }

    @Test
    void aScheduleEverySecondStartsNamedExecutionsNeverEarly() {
        api.put("/v1/state-machines/tick", Asl.putBody(Asl.single("Done", Asl.pass())));
        Api.Response created = put("tick", """
                {"cron": "* * * * * *", "target": {"stateMachine": "tick"}, "input": {"n": 1}, "catchUp": "ALL"}""");
        Instant firstFire = Instant.parse(created.body().get("nextFireAt").asString());
        List<String> names = Eventually.await(Duration.ofSeconds(20), () -> jdbc.sql(
                "SELECT name FROM execution WHERE state_machine_name = 'tick' ORDER BY name").query(String.class).list(),
                n -> n.size() >= 2);
        assertThat(names.subList(0, 2)).containsExactly(ScheduleFires.executionName("tick", firstFire),
                ScheduleFires.executionName("tick", firstFire.plusSeconds(1)));
        // each started at or after its fire instant (how late depends on the machine's load: docs/performance.md)
        List<Duration> late = jdbc.sql("SELECT name, start_date FROM execution WHERE state_machine_name = 'tick'")
                .query((rs, n) -> Duration.between(FIRE.parse(rs.getString("name").substring("tick-".length()),
                        Instant::from), rs.getTimestamp("start_date").toInstant())).list();
        assertThat(late).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
        JsonNode schedule = api.get("/v1/schedules/tick").body();
        assertThat(schedule.get("lastFireAt").isNull()).isFalse();
        assertThat(schedule.get("lastExecutionId").isNull()).isFalse();
        assertThat(schedule.get("lastError").isNull()).isTrue();
    }

    @Test
    void aFireOfAMissingStateMachineRecordsWhyItStartedNothing() {
        put("orphan", """
                {"cron": "* * * * * *", "target": {"stateMachine": "missing"}}""");
        JsonNode schedule = Eventually.await(Duration.ofSeconds(10), () -> api.get("/v1/schedules/orphan").body(),
                s -> !s.get("lastError").isNull());
        assertThat(schedule.get("lastError").asString()).contains("missing");
        assertThat(schedule.get("lastExecutionId").isNull()).isTrue();
        // and it goes on firing at its next instant
        assertThat(Instant.parse(schedule.get("nextFireAt").asString())).isAfter(Instant.now().minusSeconds(2));
    }
}
