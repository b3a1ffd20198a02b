package io.stepwise.schedule;

import io.stepwise.store.BadRequestException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression read in a time zone: when it fires next. Three forms: standard 5 fields (minute
 * hour day-of-month month day-of-week), 6 fields with seconds first, and the macros {@code @yearly}
 * {@code @annually} {@code @monthly} {@code @weekly} {@code @daily} {@code @midnight} {@code @hourly}.
 *
 * <p>The expression is matched against the wall clock ({@link LocalDateTime}), never against zoned
 * times: Spring's {@code CronExpression.next(ZonedDateTime)} skips a 02:30 daily fire on the day the
 * clocks spring forward and fires it twice on the day they fall back (checked in CronScheduleTest). Here
 * each wall-clock time fires once: a time the clocks skip fires at the instant java.time gives it (moved
 * later by the length of the gap: 02:30 in Berlin's skipped hour fires at 03:30 CEST), and a time that
 * happens twice fires at its first occurrence only.
 */
public final class CronSchedule {

    /** How many wall-clock matches in a row may map to instants already past before we give up. */
    private static final int MAX_REPEATED_MATCHES = 10_000;

    private final String expression;
    private final CronExpression cron;
    private final ZoneId zone;

    private CronSchedule(String expression, CronExpression cron, ZoneId zone) {
        this.expression = expression;
        this.cron = cron;
        this.zone = zone;
    }

    /**
     * @param timezone an IANA zone id such as {@code Europe/Berlin} (or {@code UTC}); null means UTC
     * @throws BadRequestException pointing at {@code /cron} or {@code /timezone}
     */
    public static CronSchedule parse(String expression, String timezone) {
        return new CronSchedule(expression, parseCron(expression), parseZone(timezone));
    }

    static CronExpression parseCron(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new BadRequestException("cron must not be blank", "/cron");
        }
        String trimmed = expression.strip();
        String sixFields;
        if (trimmed.startsWith("@")) {
            if (!CronExpression.isValidExpression(trimmed.toLowerCase(Locale.ROOT))) {
                throw new BadRequestException("Unknown cron macro '" + trimmed + "'. Known: @yearly, @annually,"
                        + " @monthly, @weekly, @daily, @midnight, @hourly.", "/cron");
            }
            sixFields = trimmed.toLowerCase(Locale.ROOT);
        } else {
            int fields = trimmed.split("\\s+").length;
            if (fields != 5 && fields != 6) {
                throw new BadRequestException("cron '" + trimmed + "' has " + fields + " fields: give 5 (minute"
                        + " hour day-of-month month day-of-week), 6 (seconds first) or a macro such as @daily", "/cron");
            }
            sixFields = fields == 5 ? "0 " + trimmed : trimmed;
        }
        try {
            return CronExpression.parse(sixFields);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cron '" + trimmed + "' is invalid: " + e.getMessage(), "/cron");
        }
    }

    static ZoneId parseZone(String timezone) {
        if (timezone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new BadRequestException("'" + timezone + "' is not a time zone: give an IANA zone id such as"
                    + " Europe/Berlin or America/New_York, or UTC", "/timezone");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public String expression() {
        return expression;
    }

    /** The first fire strictly after {@code after}, or null when the expression never matches again. */
    public Instant next(Instant after) {
        LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
        for (int i = 0; i < MAX_REPEATED_MATCHES; i++) {
            wall = cron.next(wall);
            if (wall == null) {
                return null;
            }
            // ZonedDateTime.of: a skipped time moves later by the gap, a repeated one takes its first offset
            Instant fire = ZonedDateTime.of(wall, zone).toInstant();
            if (fire.isAfter(after)) {
                return fire;
            }
            // 'after' lies in the second pass of a repeated hour: this wall-clock time fired in the first
        }
        return null;
    }
}
