package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Context object times: AWS's millisecond format, written by hand for speed, checked against java.time. */
class ContextTimestampTest {

    @Test
    void printsMillisecondsAlwaysAndTruncatesFinerDigits() {
        assertThat(ContextObjects.timestamp(Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(ContextObjects.timestamp(Instant.parse("2026-11-27T01:02:03.456789Z")))
                .isEqualTo("2026-11-27T01:02:03.456Z");
        assertThat(ContextObjects.timestamp(Instant.parse("1970-01-01T00:00:00.001Z"))).isEqualTo("1970-01-01T00:00:00.001Z");
        assertThat(ContextObjects.timestamp(Instant.parse("0999-12-31T23:59:59.999Z"))).isEqualTo("0999-12-31T23:59:59.999Z");
    }

    @Test
    void agreesWithJavaTimeOnRandomInstants() {
        var random = new SplittableRandom(42);
        var reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertThat(ContextObjects.timestamp(instant)).as("%s", instant)
                    .isEqualTo(reference.format(instant.truncatedTo(ChronoUnit.MILLIS)));
        }
    }
}
