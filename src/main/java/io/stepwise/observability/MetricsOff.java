package io.stepwise.observability;

import io.stepwise.store.WorkObserver;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code stepwise.metrics.enabled=false}: no Stepwise meters on the hot path (JVM, HTTP and queue-lag
 * meters stay); the hooks do nothing but tell readiness that the poller runs. For measuring what the
 * meters cost, and for who does not want them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stepwise.metrics.enabled", havingValue = "false")
class MetricsOff {

    @Bean
    WorkObserver noWorkObserver(PollerStatus poller) {
        return new WorkObserver() {
            @Override
            public void pollerStarted(int slots, IntSupplier busy, BooleanSupplier polling) {
                poller.started(polling);
            }
        };
    }
}
