package io.stepwise.store;

import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which queues are limited or paused, as this replica last read the catalog (at most {@link #FRESH}
 * ago, or since a change made here): it picks the claim statement only. The limits themselves hold in
 * the database whatever this view says: StepClaimReady claims nothing from a queue the catalog limits
 * unless under that queue's row lock, with the allowance computed from its counts and tokens as they are.
 */
@Component
class QueueLimits {

    static final Duration FRESH = Duration.ofMillis(500);

    private final QueueStore queues;
    private volatile Set<String> limited = Set.of();
    private volatile long readAt;
    private volatile boolean stale = true;

    QueueLimits(QueueStore queues) {
        this.queues = queues;
    }

    boolean isLimited(String queue) {
        long now = System.nanoTime();
        if (stale || now - readAt >= FRESH.toNanos()) {
            stale = false;
            readAt = now;
            limited = Set.copyOf(queues.limitedNames());
        }
        return limited.contains(queue);
    }

    /** A setting changed here: read the catalog again before the next claim. */
    void changed() {
        stale = true;
    }
}
