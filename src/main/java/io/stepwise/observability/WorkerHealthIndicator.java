package io.stepwise.observability;

import io.stepwise.worker.WorkerProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of a worker replica (health component {@code worker}, in the readiness group): DOWN until
 * its poller runs, OUT_OF_SERVICE once it stops claiming to drain, so a load balancer takes it out
 * before it goes. API-only replicas ({@code stepwise.worker.enabled=false}) are always UP here.
 */
@Component("worker")
class WorkerHealthIndicator implements HealthIndicator {

    private final WorkerProperties worker;
    private final PollerStatus poller;

    WorkerHealthIndicator(WorkerProperties worker, PollerStatus poller) {
        this.worker = worker;
        this.poller = poller;
    }

    @Override
    public Health health() {
        if (!worker.enabled()) {
            return Health.up().withDetail("worker", "disabled").build();
        }
        return switch (poller.state()) {
            case NOT_STARTED -> Health.down().withDetail("poller", "not started").build();
            case POLLING -> Health.up().withDetail("slots", worker.slots()).build();
            case DRAINING -> Health.outOfService().withDetail("poller", "draining").build();
        };
    }
}
