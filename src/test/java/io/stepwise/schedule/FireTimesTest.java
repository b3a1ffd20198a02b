package io.stepwise.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.DueSchedule;
import io.stepwise.store.FirePlan;
import io.stepwise.store.Namespace;
import io.stepwise.store.ScheduleCatchUp;
import io.stepwise.store.ScheduleOverlap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FireTimesTest {

    private final FireTimes planner = new FireTimes(Duration.ofSeconds(10), 1000);

    private static DueSchedule due(String cron, ScheduleCatchUp catchUp, Instant nextFireAt, Instant endAt) {
        return new DueSchedule(Namespace.DEFAULT, "s", cron, "UTC", "m", null, null, null, ScheduleOverlap.ALLOW, catchUp, null, endAt,
                nextFireAt, null, null);
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void anOnTimeFireFiresUnderEveryRule() {
        for (ScheduleCatchUp rule : ScheduleCatchUp.values()) {
            FirePlan plan = planner.plan(due("@hourly", rule, at("2026-12-07T10:00:00Z"), null),
                    at("2026-12-07T10:00:00.030Z"));
            assertThat(plan.fires()).as(rule.name()).containsExactly(at("2026-12-07T10:00:00Z"));
            assertThat(plan.nextFireAt()).isEqualTo(at("2026-12-07T11:00:00Z"));
        }
    }

    @Test
    void noneSkipsAFireLaterThanTheGraceAndGoesOnFromNow() {
        FirePlan plan = planner.plan(due("@hourly", ScheduleCatchUp.NONE, at("2026-12-07T10:00:00Z"), null),
                at("2026-12-07T12:30:00Z"));
        assertThat(plan.fires()).isEmpty();
        assertThat(plan.nextFireAt()).isEqualTo(at("2026-12-07T13:00:00Z"));
        // within the grace, the latest fire still counts as on time; the earlier ones are missed
        plan = planner.plan(due("@hourly", ScheduleCatchUp.NONE, at("2026-12-07T10:00:00Z"), null),
                at("2026-12-07T12:00:09Z"));
        assertThat(plan.fires()).containsExactly(at("2026-12-07T12:00:00Z"));
    }

    @Test
    void latestFiresTheMostRecentMissedFireOnce() {
        FirePlan plan = planner.plan(due("@hourly", ScheduleCatchUp.LATEST, at("2026-12-07T10:00:00Z"), null),
                at("2026-12-07T12:30:00Z"));
        assertThat(plan.fires()).containsExactly(at("2026-12-07T12:00:00Z"));
        assertThat(plan.nextFireAt()).isEqualTo(at("2026-12-07T13:00:00Z"));
    }

    @Test
    void latestFindsTheLastOfADaysPerSecondFiresWithoutWalkingThem() {
        FirePlan plan = planner.plan(due("* * * * * *", ScheduleCatchUp.LATEST, at("2026-12-06T10:00:00Z"), null),
                at("2026-12-07T10:00:00.500Z"));
        assertThat(plan.fires()).containsExactly(at("2026-12-07T10:00:00Z"));
        assertThat(plan.nextFireAt()).isEqualTo(at("2026-12-07T10:00:01Z"));
    }

    @Test
    void allFiresEveryMissedFireOldestFirstAtMostMaxCatchUpPerPass() {
        FirePlan plan = planner.plan(due("@hourly", ScheduleCatchUp.ALL, at("2026-12-07T10:00:00Z"), null),
                at("2026-12-07T12:30:00Z"));
        assertThat(plan.fires()).containsExactly(at("2026-12-07T10:00:00Z"), at("2026-12-07T11:00:00Z"),
                at("2026-12-07T12:00:00Z"));
        assertThat(plan.nextFireAt()).isEqualTo(at("2026-12-07T13:00:00Z"));

        FirePlan bounded = new FireTimes(Duration.ofSeconds(10), 2).plan(
                due("@hourly", ScheduleCatchUp.ALL, at("2026-12-07T10:00:00Z"), null), at("2026-12-07T12:30:00Z"));
        assertThat(bounded.fires()).containsExactly(at("2026-12-07T10:00:00Z"), at("2026-12-07T11:00:00Z"));
        // the next pass starts at once with the fire this one left
        assertThat(bounded.nextFireAt()).isEqualTo(at("2026-12-07T12:00:00Z"));
    }

    @Test
    void endAtBoundsTheFires() {
        Instant end = at("2026-12-07T11:30:00Z");
        FirePlan all = planner.plan(due("@hourly", ScheduleCatchUp.ALL, at("2026-12-07T10:00:00Z"), end),
                at("2026-12-07T12:30:00Z"));
        assertThat(all.fires()).containsExactly(at("2026-12-07T10:00:00Z"), at("2026-12-07T11:00:00Z"));
        assertThat(all.nextFireAt()).isNull();
        FirePlan latest = planner.plan(due("@hourly", ScheduleCatchUp.LATEST, at("2026-12-07T10:00:00Z"), end),
                at("2026-12-07T12:30:00Z"));
        assertThat(latest.fires()).containsExactly(at("2026-12-07T11:00:00Z"));
        assertThat(latest.nextFireAt()).isNull();
    }

    @Test
    void theFirstFireWaitsForStartAt() {
        CronSchedule cron = CronSchedule.parse("@hourly", "UTC");
        Instant now = at("2026-12-07T10:20:00Z");
        assertThat(FireTimes.firstFire(cron, now, null, null)).isEqualTo(at("2026-12-07T11:00:00Z"));
        assertThat(FireTimes.firstFire(cron, now, at("2026-12-08T00:00:00Z"), null)).isEqualTo(at("2026-12-08T00:00:00Z"));
        assertThat(FireTimes.firstFire(cron, now, at("2026-12-08T00:00:01Z"), null)).isEqualTo(at("2026-12-08T01:00:00Z"));
        assertThat(FireTimes.firstFire(cron, now, null, at("2026-12-07T10:59:59Z"))).isNull();
    }
}
