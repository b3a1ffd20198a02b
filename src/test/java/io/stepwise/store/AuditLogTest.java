package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit trail is written with COPY (its text format), so every character a caller can put in what
 * is recorded (a JWT subject, a raw unmatched path) must come back as it went in, nulls as nulls.
 */
class AuditLogTest extends IntegrationTest {

    @Autowired
    private AuditLog audit;

    private static final String AWKWARD = "a\tb\nc\rd\\e \\N f\\\\tg 'h\" ü 日本 \u0001";

    @Test
    void whatIsRecordedComesBackAsItWentInWhateverItsCharacters() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var awkward = new AuditEvent(null, at, "jwt:" + AWKWARD, "POST", "/raw/" + AWKWARD, 404, null, null);
        var plain = new AuditEvent(null, at.plusMillis(1), "key:sw_abc", "DELETE", "/v1/api-keys/{id}", 204,
                "10.0.0.7", "team-a");
        audit.record(awkward);
        audit.record(plain);
        audit.awaitRecorded();
        List<AuditEvent> page = audit.page(null, null, null, null, null, 10);
        assertThat(page).hasSize(2);
        assertThat(withoutId(page.get(0))).isEqualTo(plain);
        assertThat(withoutId(page.get(1))).isEqualTo(awkward);
    }

    /** A seeded run of random strings over the characters COPY treats specially, and many batches' worth. */
    @Test
    void randomTextSurvivesAcrossBatches() {
        Random random = new Random(20261207L);
        String alphabet = "\t\n\r\\N ab'\"{},ü\u0000";
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int count = 2_500; // more than one batch of the group commit (1,024)
        String[] actors = new String[count];
        for (int i = 0; i < count; i++) {
            var actor = new StringBuilder("jwt:");
            for (int n = random.nextInt(12); n > 0; n--) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                actor.append(c == '\u0000' ? 'z' : c); // PostgreSQL text cannot hold NUL, so no caller's can
            }
            actors[i] = actor.toString();
            audit.record(new AuditEvent(null, at.plusNanos(1_000L * i), actors[i], "POST", "/v1/executions", 201,
                    "127.0.0.1", "default"));
        }
        audit.awaitRecorded();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(count);
        List<String> stored = jdbc.sql("SELECT actor FROM audit_event ORDER BY at").query(String.class).list();
        assertThat(stored).containsExactly(actors);
    }

    private static AuditEvent withoutId(AuditEvent e) {
        return new AuditEvent(null, e.at(), e.actor(), e.method(), e.path(), e.status(), e.remoteAddress(),
                e.namespace());
    }
}
