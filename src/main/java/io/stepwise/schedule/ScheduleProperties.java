package io.stepwise.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of cron schedules ({@code stepwise.schedules.*}).
 *
 * @param enabled false: this replica fires no schedule (the catalog API still works)
 * @param maxSleep the longest the firing loop sleeps before looking again: a schedule created or
 *     changed on another replica is seen within this long
 * @param misfireGrace how late a fire may start and still count as on time under catchUp NONE
 * @param maxCatchUp the most missed fires catchUp ALL starts per schedule in one pass (one transaction);
 *     the rest follow in the next passes, at once
 */
@ConfigurationProperties("stepwise.schedules")
public record ScheduleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration maxSleep,
        @DefaultValue("10s") Duration misfireGrace,
        @DefaultValue("1000") int maxCatchUp) {

    public ScheduleProperties {
        if (!maxSleep.isPositive() || misfireGrace.isNegative() || maxCatchUp < 1) {
            throw new IllegalArgumentException("stepwise.schedules: max-sleep must be positive, misfire-grace not"
                    + " negative and max-catch-up at least 1");
        }
    }
}
