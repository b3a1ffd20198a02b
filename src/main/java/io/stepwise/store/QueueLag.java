package io.stepwise.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How far behind the workers are, per queue: one aggregate query over the READY and RUNNING steps. */
@Service
public class QueueLag {

    /** One queue's backlog; {@code oldestReadyAge} is zero when nothing is due. */
    public record Depth(String queue, long ready, long running, long waiting, Duration oldestReadyAge) {

        /** Two queues reported under one name (past a tag limit): their sums and the older age. */
        public Depth plus(Depth other) {
            return new Depth(queue, ready + other.ready, running + other.running, waiting + other.waiting,
                    oldestReadyAge.compareTo(other.oldestReadyAge) >= 0 ? oldestReadyAge : other.oldestReadyAge);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    QueueLag(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every queue with work in it, and always the default queue (zeros when it is empty). */
    @Transactional(readOnly = true)
    public List<Depth> sample() {
        Instant now = clock.instant();
        List<Depth> depths = new ArrayList<>(jdbc.sql(SqlStatements.get("StepQueueLag"))
                .param("now", Rows.timestamp(now))
                .query((rs, n) -> {
                    Instant oldest = Rows.instant(rs, "oldest_ready");
                    Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
                    return new Depth(rs.getString("queue"), rs.getLong("ready"), rs.getLong("running"),
                            rs.getLong("waiting"), age);
                }).list());
        if (depths.stream().noneMatch(d -> d.queue().equals(Placement.DEFAULT_QUEUE))) {
            depths.add(new Depth(Placement.DEFAULT_QUEUE, 0, 0, 0, Duration.ZERO));
        }
        return depths;
    }
}
