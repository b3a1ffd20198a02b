package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class ActuatorTest extends IntegrationTest {

    @Test
    void healthIsUpWithTheDatabaseAndProbeGroups() {
        var health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        var readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.raw()).contains("UP");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void prometheusScrapesJvmAndPoolMetrics() {
        var scrape = api.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.raw()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }
}
