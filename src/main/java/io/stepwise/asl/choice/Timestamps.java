package io.stepwise.asl.choice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps as Choice rules read them: date, upper-case {@code T}, time with seconds,
 * optional fraction, and a mandatory {@code Z} or {@code ±hh:mm} offset. Compared as instants, so
 * {@code 19:00:55+01:00} equals {@code 18:00:55Z}. Anything else (no offset, a space for the T,
 * month 13) is not a timestamp.
 */
final class Timestamps {

    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    static Optional<Instant> parse(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // ISO_OFFSET_DATE_TIME resolves strictly: month 13, hour 25 or February 30 fail
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException invalid) {
            return Optional.empty();
        }
    }
}
