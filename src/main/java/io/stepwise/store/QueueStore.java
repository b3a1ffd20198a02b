package io.stepwise.store;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The queue statements of the claim and of the listing's counts (db/queries/queue.sql). */
@Repository
class QueueStore {

    private final JdbcClient jdbc;

    QueueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a limited queue allows this claim, read with its row locked and its bucket refilled. */
    record Allowance(boolean paused, Integer concurrency, Double tokens, Integer rateLimit,
            Integer ratePeriodSeconds, boolean hasDue) {

        /** How long until the bucket holds a whole token again once {@code spent} are taken (zero: it does). */
        Duration untilNextToken(int spent) {
            double left = tokens == null ? 1 : tokens - spent;
            if (left >= 1) {
                return Duration.ZERO;
            }
            double seconds = (1 - left) * ratePeriodSeconds / rateLimit;
            return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
        }
    }

    /** Makes the queue's settings row if it has none (a running, unlimited queue); see QueueEnsureRow. */
    void ensureRow(String name, Instant now) {
        jdbc.sql(SqlStatements.get("QueueEnsureRow")).param("name", name).param("now", Rows.timestamp(now))
                .update();
    }

    List<String> limitedNames() {
        return jdbc.sql(SqlStatements.get("QueueLimitedNames")).query(String.class).list();
    }

    /** Empty when the queue has no row (any more): it is unlimited. */
    Optional<Allowance> takeForClaim(String queue, Instant now) {
        return jdbc.sql(SqlStatements.get("QueueTakeForClaim"))
                .param("queue", queue).param("now", Rows.timestamp(now))
                .query((rs, n) -> new Allowance(rs.getBoolean("paused"), Rows.nullableInt(rs, "concurrency"),
                        rs.getObject("tokens") == null ? null : rs.getDouble("tokens"),
                        Rows.nullableInt(rs, "rate_limit"), Rows.nullableInt(rs, "rate_period_seconds"),
                        rs.getBoolean("has_due")))
                .optional();
    }

    /** The queue's RUNNING steps, at most {@code concurrency} of them (QueueRunningCount). */
    int running(String queue, int concurrency) {
        return jdbc.sql(SqlStatements.get("QueueRunningCount")).param("queue", queue).param("concurrency", concurrency)
                .query(Integer.class).single();
    }

    void spendTokens(String queue, int spent) {
        jdbc.sql(SqlStatements.get("QueueSpendTokens")).param("queue", queue).param("spent", spent).update();
    }

    /** Step counts per queue (of one queue, or of all with steps when {@code queue} is null). */
    Map<String, QueueView.Counts> counts(String queue, Instant now) {
        Map<String, QueueView.Counts> counts = new HashMap<>();
        jdbc.sql(SqlStatements.get("QueueStepCounts")).param("queue", queue, Types.VARCHAR)
                .param("now", Rows.timestamp(now))
                .query((rs, n) -> counts.put(rs.getString("queue"), new QueueView.Counts(rs.getLong("available"),
                        rs.getLong("running"), rs.getLong("scheduled"), rs.getLong("retrying"), 0)))
                .list();
        jdbc.sql(SqlStatements.get("QueueFailedSince")).param("queue", queue, Types.VARCHAR)
                .param("since", Rows.timestamp(now.minusSeconds(3600)))
                .query((rs, n) -> counts.merge(rs.getString("queue"),
                        QueueView.Counts.NONE.withFailed(rs.getLong("failed")),
                        (steps, failed) -> steps.withFailed(failed.failedLastHour())))
                .list();
        return counts;
    }
}
