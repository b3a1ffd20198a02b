package io.stepwise.asl.validation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The timestamp form Wait and the Timestamp* comparisons require: full RFC 3339 date-time with an
 * explicit offset. The pattern rejects the shapes java.time would tolerate (no seconds, lower-case
 * separators); the parse then rejects impossible dates and times such as month 13 or hour 25.
 */
final class Rfc3339 {

    private static final Pattern SHAPE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Rfc3339() {
    }

    static boolean isTimestamp(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
