package io.stepwise.worker;

import io.stepwise.store.Placement;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of this replica's workers ({@code stepwise.worker.*}).
 *
 * @param enabled false makes an API-only replica that never claims work
 * @param slots how many steps this replica runs at once
 * @param pollInterval how often an idle poller looks for work when no notification woke it
 * @param lease how long a claimed step stays ours without renewal before another replica may rescue it
 * @param shutdownGrace how long a stopping replica lets running steps finish before releasing them
 * @param queues the queues this replica claims from; empty (the default) for every queue with work, so a
 *        replica can be dedicated to some queues ({@code stepwise.worker.queues=emails,reports})
 * @param timerLookahead how long before its due time a step may be claimed: its virtual thread then waits
 *        for the due time itself, so a Wait or a retry's backoff starts on time instead of after the
 *        poller's wake-up and claim (0 to claim due steps only)
 */
@ConfigurationProperties("stepwise.worker")
public record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1024") int slots,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("30s") Duration shutdownGrace,
        @DefaultValue List<String> queues,
        @DefaultValue("50ms") Duration timerLookahead) {

    public WorkerProperties {
        queues = List.copyOf(queues == null ? List.of() : queues);
        if (timerLookahead == null) {
            timerLookahead = Duration.ZERO;
        }
        if (timerLookahead.isNegative() || timerLookahead.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("stepwise.worker.timer-lookahead must be between 0 and 1s, got "
                    + timerLookahead);
        }
        for (String queue : queues) {
            if (!Placement.isQueueName(queue)) {
                throw new IllegalArgumentException("stepwise.worker.queues: '" + queue
                        + "' is not a queue name (1 to 64 of A-Z a-z 0-9 _ . : -)");
            }
        }
    }

    /** Whether this replica claims from every queue rather than from a list. */
    boolean servesEveryQueue() {
        return queues.isEmpty();
    }
}
