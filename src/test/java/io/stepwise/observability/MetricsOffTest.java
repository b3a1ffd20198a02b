package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code stepwise.metrics.enabled=false}: work runs, no Stepwise meter is made, readiness still sees the poller. */
class MetricsOffTest {

    @Test
    void withMetricsOffWorkRunsWithoutStepwiseMetersAndReadinessStillSeesThePoller() {
        TestDatabase db = TestDatabase.get().isolated("metrics_off");
        try (ConfigurableApplicationContext replica = Replicas.start(db, "stepwise.metrics.enabled=false")) {
            replica.getBean(StateMachines.class).register("echo", Json.parse(Asl.task("stepwise:echo")), null);
            var started = replica.getBean(Executions.class).start("echo", null, null, Json.parse("{\"a\": 1}"));
            ExecutionRecord done = replica.getBean(Executions.class).awaitEnd(started.execution().id(),
                    Duration.ofSeconds(20));
            assertThat(done.status().name()).isEqualTo("SUCCEEDED");
            MeterRegistry registry = replica.getBean(MeterRegistry.class);
            assertThat(registry.find("stepwise.executions.started").meters()).isEmpty();
            assertThat(registry.find("stepwise.task.runs").meters()).isEmpty();
            assertThat(replica.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus())
                    .isEqualTo(Status.UP);
        }
    }
}
