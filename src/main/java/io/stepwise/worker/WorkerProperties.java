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
 */
@ConfigurationProperties("stepwise.worker")
public record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1024") int slots,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("30s") Duration shutdownGrace,
        @DefaultValue List<String> queues) {

    public WorkerProperties {
        queues = List.copyOf(queues == null ? List.of() : queues);
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
