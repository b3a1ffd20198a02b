package io.stepwise.schedule;

import io.stepwise.store.BadRequestException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class CronScheduleTest {

    private static List<Instant> fires(CronSchedule cron, Instant after, int count) {
        List<Instant> fires = new ArrayList<>();
        Instant t = after;
        for (int i = 0; i < count; i++) {
            t = cron.next(t);
            fires.add(t);
        }
        return fires;
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void fiveFieldsAreSixWithSecondsAtZero() {
        CronSchedule five = CronSchedule.parse("*/15 9-17 * * MON-FRI", "UTC");
        CronSchedule six = CronSchedule.parse("0 */15 9-17 * * MON-FRI", null);
        Instant monday = at("2026-12-07T08:59:59Z");
        assertThat(fires(five, monday, 40)).isEqualTo(fires(six, monday, 40));
        assertThat(five.next(monday)).isEqualTo(at("2026-12-07T09:00:00Z"));
    }

    @Test
    void sixFieldsFireEverySecond() {
        assertThat(fires(CronSchedule.parse("* * * * * *", "UTC"), at("2026-12-07T10:00:00.400Z"), 3))
                .containsExactly(at("2026-12-07T10:00:01Z"), at("2026-12-07T10:00:02Z"), at("2026-12-07T10:00:03Z"));
    }

    @Test
    void macros() {
        Instant from = at("2026-12-07T10:20:00Z");
        assertThat(CronSchedule.parse("@hourly", "UTC").next(from)).isEqualTo(at("2026-12-07T11:00:00Z"));
        assertThat(CronSchedule.parse("@daily", "UTC").next(from)).isEqualTo(at("2026-12-08T00:00:00Z"));
        assertThat(CronSchedule.parse("@midnight", "UTC").next(from)).isEqualTo(at("2026-12-08T00:00:00Z"));
        assertThat(CronSchedule.parse("@weekly", "UTC").next(from)).isEqualTo(at("2026-12-13T00:00:00Z"));
        assertThat(CronSchedule.parse("@monthly", "UTC").next(from)).isEqualTo(at("2027-01-01T00:00:00Z"));
        assertThat(CronSchedule.parse("@yearly", "UTC").next(from)).isEqualTo(at("2027-01-01T00:00:00Z"));
        assertThat(CronSchedule.parse("@annually", "UTC").next(from)).isEqualTo(at("2027-01-01T00:00:00Z"));
        // in a zone: Berlin's midnight is 23:00 UTC in winter
        assertThat(CronSchedule.parse("@daily", "Europe/Berlin").next(from)).isEqualTo(at("2026-12-07T23:00:00Z"));
    }

    @Test
    void badCronsPointAtCron() {
        for (String bad : List.of("", "* * * *", "* * * * * * *", "61 * * * *", "@fortnightly", "* * 32 * *",
                "x * * * *")) {
            assertThatThrownBy(() -> CronSchedule.parse(bad, "UTC")).as(bad)
                    .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.pointer()).isEqualTo("/cron"));
        }
    }

    @Test
    void badZonesPointAtTimezone() {
        for (String bad : List.of("Mars/Olympus", "", "Europe/berlin x")) {
            assertThatThrownBy(() -> CronSchedule.parse("@daily", bad)).as(bad)
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.pointer()).isEqualTo("/timezone"));
        }
    }

    /** Why the wall clock: Spring's zoned next() loses the 02:30 fire in spring and doubles it in autumn. */
    @Test
    void springsZonedCronMisfiresAcrossDaylightSaving() {
        CronExpression spring = CronExpression.parse("0 30 2 * * *");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime springForward = spring.next(LocalDateTime.of(2026, 3, 28, 12, 0).atZone(berlin));
        assertThat(spring.next(springForward).toLocalDate()).isEqualTo("2026-03-31");
        ZonedDateTime fallBack = spring.next(LocalDateTime.of(2026, 10, 24, 12, 0).atZone(berlin));
        assertThat(fallBack.toLocalDate()).isEqualTo("2026-10-25");
        assertThat(spring.next(fallBack).toLocalDate()).isEqualTo("2026-10-25");
    }

    @Test
    void aDailyFireInTheSkippedHourFiresOnceWhenTheHourIsSkipped() {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day
        CronSchedule cron = CronSchedule.parse("30 2 * * *", "Europe/Berlin");
        assertThat(fires(cron, at("2026-03-27T12:00:00Z"), 4)).containsExactly(
                at("2026-03-28T01:30:00Z"), // 02:30 CET
                at("2026-03-29T01:30:00Z"), // 03:30 CEST: 02:30 moved on by the hour the clocks skipped
                at("2026-03-30T00:30:00Z"), // 02:30 CEST
                at("2026-03-31T00:30:00Z"));
    }

    @Test
    void aDailyFireInTheRepeatedHourFiresOnceAtItsFirstOccurrence() {
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice
        CronSchedule cron = CronSchedule.parse("30 2 * * *", "Europe/Berlin");
        assertThat(fires(cron, at("2026-10-23T12:00:00Z"), 4)).containsExactly(
                at("2026-10-24T00:30:00Z"), // 02:30 CEST
                at("2026-10-25T00:30:00Z"), // 02:30 CEST, the first of the two; not again at 01:30Z (02:30 CET)
                at("2026-10-26T01:30:00Z"), // 02:30 CET
                at("2026-10-27T01:30:00Z"));
        // a schedule looking from inside the second pass of the hour does not fire 02:30 again
        assertThat(cron.next(at("2026-10-25T01:10:00Z"))).isEqualTo(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void anHourlyCronFollowsTheWallClockInNewYork() {
        CronSchedule cron = CronSchedule.parse("0 * * * *", "America/New_York");
        // 8 March 2026, 02:00 EST becomes 03:00 EDT: the skipped 02:00 and the real 03:00 are one fire
        assertThat(fires(cron, at("2026-03-08T05:30:00Z"), 3)).containsExactly(
                at("2026-03-08T06:00:00Z"), // 01:00 EST
                at("2026-03-08T07:00:00Z"), // 03:00 EDT
                at("2026-03-08T08:00:00Z")); // 04:00 EDT
        // 1 November 2026, 02:00 EDT becomes 01:00 EST: 01:00 fires once, at its first occurrence
        assertThat(fires(cron, at("2026-11-01T03:30:00Z"), 3)).containsExactly(
                at("2026-11-01T04:00:00Z"), // 00:00 EDT
                at("2026-11-01T05:00:00Z"), // 01:00 EDT
                at("2026-11-01T07:00:00Z")); // 02:00 EST (01:00 EST, at 06:00Z, is the same wall-clock time again)
    }

    @Test
    void everyFireIsStrictlyLaterThanTheLastAcrossAYearOfTransitions() {
        for (String zone : List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe")) {
            CronSchedule cron = CronSchedule.parse("*/30 * * * *", zone);
            Instant t = at("2026-01-01T00:00:00Z");
            for (int i = 0; i < 2 * 24 * 366; i++) {
                Instant next = cron.next(t);
                assertThat(next).as(zone + " after " + t).isAfter(t).isBefore(t.plusSeconds(2 * 3600 + 1));
                t = next;
            }
        }
    }
}
