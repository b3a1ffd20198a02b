package io.stepwise.worker;

import java.time.Duration;
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
 */
@ConfigurationProperties("stepwise.worker")
public record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1024") int slots,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("30s") Duration shutdownGrace) {
}
