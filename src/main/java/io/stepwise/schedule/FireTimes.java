package io.stepwise.schedule;

import io.stepwise.store.DueSchedule;
import io.stepwise.store.FirePlan;
import io.stepwise.store.FirePlanner;
import io.stepwise.store.ScheduleCatchUp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which fires a due schedule starts now, by its catchUp rule. A fire is due when its instant has come;
 * it is "missed" when a later one has come too, or (for NONE) when it is later than the grace period.
 * <ul>
 * <li>NONE: the most recent due fire, if it is at most {@code misfireGrace} late; the others are skipped.
 * <li>LATEST: the most recent due fire, however late; the others are skipped.
 * <li>ALL: every due fire, oldest first, at most {@code maxCatchUp} per pass.
 * </ul>
 * NONE and LATEST never walk the missed fires one by one (a per-second cron after a day's downtime has
 * 86,400): they find the latest one by looking back from now in doubling windows.
 */
public final class FireTimes implements FirePlanner {

    private final Duration misfireGrace;
    private final int maxCatchUp;

    public FireTimes(Duration misfireGrace, int maxCatchUp) {
        this.misfireGrace = misfireGrace;
        this.maxCatchUp = maxCatchUp;
    }

    @Override
    public FirePlan plan(DueSchedule schedule, Instant now) {
        CronSchedule cron = CronSchedule.parse(schedule.cron(), schedule.timezone());
        Instant end = schedule.endAt();
        Instant bound = end != null && end.isBefore(now) ? end : now;
        if (schedule.catchUp() == ScheduleCatchUp.ALL) {
            List<Instant> fires = new ArrayList<>();
            Instant t = schedule.nextFireAt();
            while (t != null && !t.isAfter(bound) && fires.size() < maxCatchUp) {
                fires.add(t);
                t = cron.next(t);
            }
            return new FirePlan(fires, within(t, end));
        }
        Instant latest = latestDue(cron, schedule.nextFireAt(), bound);
        Instant next = within(cron.next(now), end);
        boolean onTime = latest != null && !Duration.between(latest, now).minus(misfireGrace).isPositive();
        List<Instant> fires = latest != null && (onTime || schedule.catchUp() == ScheduleCatchUp.LATEST)
                ? List.of(latest) : List.of();
        return new FirePlan(fires, next);
    }

    /** A new or resumed schedule's first fire: the next after now and not before startAt (null: none left before endAt). */
    static Instant firstFire(CronSchedule cron, Instant now, Instant startAt, Instant endAt) {
        Instant after = startAt != null && startAt.isAfter(now) ? startAt.minusNanos(1) : now;
        return within(cron.next(after), endAt);
    }

    private static Instant within(Instant fire, Instant end) {
        return fire == null || (end != null && fire.isAfter(end)) ? null : fire;
    }

    /** The last fire in [first, bound], found by looking back from bound in doubling windows; null when none. */
    static Instant latestDue(CronSchedule cron, Instant first, Instant bound) {
        if (first == null || first.isAfter(bound)) {
            return null;
        }
        for (Duration window = Duration.ofSeconds(1); ; window = window.multipliedBy(2)) {
            Instant from = bound.minus(window);
            boolean whole = !from.isAfter(first);
            Instant t = whole ? first : cron.next(from);
            Instant latest = null;
            while (t != null && !t.isAfter(bound)) {
                latest = t;
                t = cron.next(t);
            }
            if (latest != null || whole) {
                return latest;
            }
        }
    }
}
