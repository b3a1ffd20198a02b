package io.stepwise.worker;

import io.stepwise.store.StepClaims;
import java.util.ArrayList;
import java.util.List;

/**
 * The queues a poller claims from, in the order of one claim round. A replica with
 * {@code stepwise.worker.queues} serves that list; one without serves every queue with READY steps,
 * found by {@link StepClaims#queuesWithWork} at most once per poll interval while busy, and again after
 * every idle wait (a wake-up may announce a queue seen for the first time). Each round starts one queue
 * further along, so no queue is always served first. Only the poller thread uses it.
 */
final class ServedQueues {

    private final List<String> configured;
    private final StepClaims claims;
    private final long refreshNanos;
    private List<String> discovered = List.of();
    private long discoveredAt;
    private boolean stale = true;
    private int rotation;

    ServedQueues(WorkerProperties properties, StepClaims claims) {
        this.configured = properties.queues();
        this.claims = claims;
        this.refreshNanos = properties.pollInterval().toNanos();
    }

    /** The next look goes to the database (after an idle wait, which a new queue's first work may end). */
    void markStale() {
        stale = true;
    }

    /** The queues of the next claim round, each once, rotated by one from the previous round. */
    List<String> nextRound() {
        List<String> queues = configured.isEmpty() ? discovered() : configured;
        if (queues.size() < 2) {
            return queues;
        }
        int start = Math.floorMod(rotation++, queues.size());
        List<String> round = new ArrayList<>(queues.subList(start, queues.size()));
        round.addAll(queues.subList(0, start));
        return round;
    }

    private List<String> discovered() {
        long now = System.nanoTime();
        if (stale || now - discoveredAt >= refreshNanos) {
            discovered = claims.queuesWithWork();
            discoveredAt = now;
            stale = false;
        }
        return discovered;
    }

    /** For the log line at start. */
    String describe() {
        return configured.isEmpty() ? "every queue" : "queues " + String.join(", ", configured);
    }

}
