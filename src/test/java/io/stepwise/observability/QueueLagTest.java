package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stepwise.store.QueueLag;
import io.stepwise.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The queue-lag query counts a queue's steps by what they wait for, and the sampler's gauges report
 * its answer. The steps sit in a queue of their own, which no worker claims (workers claim `default`).
 */
class QueueLagTest extends IntegrationTest {

    private static final String QUEUE = "lag-test";

    @Autowired
    private QueueLag lag;

    @Test
    void countsReadyRunningAndWaitingStepsAndTheOldestReadyAge() {
        Instant now = Instant.now();
        insert("READY", now.minusSeconds(120));
        insert("READY", now.minusSeconds(10));
        insert("READY", now.plusSeconds(600));
        insert("RUNNING", now.minusSeconds(5));
        insert("WAITING", now.minusSeconds(5));

        QueueLag.Depth depth = lag.sample().stream().filter(d -> d.queue().equals(QUEUE)).findFirst().orElseThrow();
        assertThat(depth.ready()).isEqualTo(2);
        assertThat(depth.running()).isEqualTo(1);
        assertThat(depth.waiting()).isEqualTo(1);
        assertThat(depth.oldestReadyAge()).isBetween(Duration.ofSeconds(115), Duration.ofSeconds(180));
        assertThat(lag.sample()).anyMatch(d -> d.queue().equals("default"));

        // A sampler of its own: the service's sampler spaces its counts by how long its last one took, and the
        // maintenance leader's runs of it decide when that was, so it may rightly skip a run asked for now.
        var ownRegistry = new SimpleMeterRegistry();
        sampler(ownRegistry, Clock.systemUTC()).run();
        assertThat(ownRegistry.get("stepwise.queue.steps").tag("queue", QUEUE).tag("status", "ready").gauge().value())
                .isEqualTo(2);
        assertThat(ownRegistry.get("stepwise.queue.steps").tag("queue", QUEUE).tag("status", "waiting").gauge().value())
                .isEqualTo(1);
        assertThat(ownRegistry.get("stepwise.queue.oldest.ready.age").tag("queue", QUEUE).gauge().value())
                .isBetween(115.0, 180.0);
    }

    /**
     * A count that took 1 s (the clock moves a second on every reading) is followed by the next no sooner
     * than 20 s later, and the gauges stay current meanwhile: without the spacing the second run counts
     * the new step at once and the gauge reads 2.
     */
    @Test
    void aSlowCountIsRepeatedOnlyAfterTwentyTimesItsDuration() {
        var clock = new SteppingClock(Instant.now(), Duration.ofSeconds(1));
        var ownRegistry = new SimpleMeterRegistry();
        var slowSampler = sampler(ownRegistry, clock);
        insert("READY", Instant.now().minusSeconds(1));
        slowSampler.run();
        var ready = ownRegistry.get("stepwise.queue.steps").tag("queue", QUEUE).tag("status", "ready").gauge();
        assertThat(ready.value()).isEqualTo(1);

        insert("READY", Instant.now().minusSeconds(1));
        slowSampler.run(); // 2 s after the count ended: too soon
        assertThat(ready.value()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(15));
        slowSampler.run(); // 19 s after: still too soon
        assertThat(ready.value()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        slowSampler.run(); // 22 s after
        assertThat(ready.value()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(61)); // three spacings without a count: stale
        assertThat(ready.value()).isNaN();
    }

    /** A sampler with the service's defaults (a count every 5 s) reporting to {@code registry}. */
    private QueueLagSampler sampler(MeterRegistry registry, Clock clock) {
        return new QueueLagSampler(lag, registry, new MetricsProperties(200, 200, 100, 64, Duration.ofSeconds(5),
                Duration.ofSeconds(1)), clock);
    }

    /** A clock that moves by {@code step} every time it is read, as if each reading came after work that long. */
    private static final class SteppingClock extends Clock {
        private Instant now;
        private final Duration step;

        SteppingClock(Instant start, Duration step) {
            this.now = start;
            this.step = step;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            Instant read = now;
            now = now.plus(step);
            return read;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private void insert(String status, Instant runAt) {
        boolean running = status.equals("RUNNING");
        jdbc.sql("""
                INSERT INTO step (execution_id, queue, status, state_name, input, run_at, created_at, lease_owner,
                                  lease_token, lease_expires_at)
                VALUES (:execution, :queue, :status, 'S', '{}', :runAt, now(), :owner, :token, :expires)""")
                .param("execution", UUID.randomUUID()).param("queue", QUEUE).param("status", status)
                .param("runAt", java.sql.Timestamp.from(runAt))
                .param("owner", running ? "elsewhere" : null)
                .param("token", running ? UUID.randomUUID() : null)
                .param("expires", running ? java.sql.Timestamp.from(runAt.plusSeconds(600)) : null)
                .update();
    }
}
