package io.stepwise.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database's time, kept by the local clock between readings: every replica judges leases, timers
 * and timeouts by one clock, PostgreSQL's, however far its own runs off (a replica whose clock ran 30 s
 * fast would otherwise rescue live leases and fire timers early). Every {@code every} it reads the
 * server's {@code clock_timestamp()} a few times and keeps the offset of the reading with the shortest
 * round trip, so the error is at most half of that round trip. A failed reading keeps the last offset.
 */
public final class DatabaseClock extends Clock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    private static final int SAMPLES = 3;

    private final Clock local;
    private final JdbcClient jdbc;
    private final ScheduledExecutorService timer;
    private volatile Duration offset = Duration.ZERO;

    public DatabaseClock(Clock local, JdbcClient jdbc, Duration every) {
        this.local = local;
        this.jdbc = jdbc;
        measure();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stepwise-database-clock").daemon().factory());
        timer.scheduleWithFixedDelay(this::measure, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How far the database's clock is ahead of the local one (negative: behind). */
    public Duration offset() {
        return offset;
    }

    void measure() {
        try {
            Duration best = null;
            Duration bestRoundTrip = null;
            for (int i = 0; i < SAMPLES; i++) {
                Instant before = local.instant();
                Instant server = jdbc.sql(SqlStatements.get("ClockNow")).query(Timestamp.class).single().toInstant();
                Instant after = local.instant();
                Duration roundTrip = Duration.between(before, after);
                if (bestRoundTrip == null || roundTrip.compareTo(bestRoundTrip) < 0) {
                    bestRoundTrip = roundTrip;
                    best = Duration.between(before.plus(roundTrip.dividedBy(2)), server);
                }
            }
            offset = best;
        } catch (RuntimeException e) {
            log.warn("Could not read the database's clock; keeping the offset of {}", offset, e);
        }
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new InZone(this, zone);
    }

    /** The same time, shown in another zone. */
    private static final class InZone extends Clock {
        private final DatabaseClock clock;
        private final ZoneId zone;

        InZone(DatabaseClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new InZone(clock, other);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
