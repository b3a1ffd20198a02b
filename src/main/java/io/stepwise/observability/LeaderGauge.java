package io.stepwise.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stepwise.maintenance.LeaderElection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code stepwise_maintenance_leader}: 1 on the replica that runs maintenance (and samples the queues). */
@Component
class LeaderGauge {

    LeaderGauge(ObjectProvider<LeaderElection> election, MeterRegistry registry) {
        election.ifAvailable(e -> Gauge.builder("stepwise.maintenance.leader", e, l -> l.isLeader() ? 1 : 0)
                .description("1 while this replica holds the maintenance lease").register(registry));
    }
}
