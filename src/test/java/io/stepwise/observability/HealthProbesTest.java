package io.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.IntegrationTest;
import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import io.stepwise.worker.WorkerProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Readiness waits for migrations and the poller and drops out during a drain; liveness ignores the database. */
class HealthProbesTest extends IntegrationTest {

    @Test
    void readinessChecksMigrationsAndThePollerAndLivenessLeavesTheDatabaseOut() {
        var readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(componentNames(readiness.body())).containsExactlyInAnyOrder("readinessState", "db", "migrations",
                "worker");
        assertThat(readiness.body().at("/components/worker/status").asString()).isEqualTo("UP");
        assertThat(readiness.body().at("/components/migrations/status").asString()).isEqualTo("UP");

        var liveness = api.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(componentNames(liveness.body())).containsExactly("livenessState");
    }

    @Test
    void workerReadinessIsDownBeforeThePollerStartsAndOutOfServiceWhileItDrains() {
        var status = new PollerStatus();
        var enabled = new WorkerProperties(true, 8, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(30), List.of(), Duration.ZERO);
        var indicator = new WorkerHealthIndicator(enabled, status);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        boolean[] polling = {true};
        status.started(() -> polling[0]);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        polling[0] = false;
        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        var apiOnly = new WorkerProperties(false, 8, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(30), List.of(), Duration.ZERO);
        assertThat(new WorkerHealthIndicator(apiOnly, new PollerStatus()).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aReplicaThatStopsItsPollerIsOutOfService() {
        ConfigurableApplicationContext replica = Replicas.start(TestDatabase.get(), "stepwise.maintenance.enabled=false");
        try {
            HealthEndpoint health = replica.getBean(HealthEndpoint.class);
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
            SmartLifecycle poller = replica.getBeansOfType(SmartLifecycle.class).values().stream()
                    .filter(l -> l.getClass().getSimpleName().equals("StepPoller")).findFirst().orElseThrow();
            poller.stop(); // what a graceful shutdown does first
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
        } finally {
            replica.close();
        }
    }

    @Test
    void migrationsAreDownWhileTheSchemaLacksThem() {
        TestDatabase db = TestDatabase.get();
        Flyway empty = Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .schemas("never_migrated").locations("classpath:db/migration").load();
        var beans = new StaticListableBeanFactory();
        beans.addBean("flyway", empty);
        ObjectProvider<Flyway> provider = beans.getBeanProvider(Flyway.class);
        var health = new MigrationsHealthIndicator(provider, new StaticListableBeanFactory().getBeanProvider(
                javax.sql.DataSource.class)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("pending")).isNotEqualTo(0);
    }

    @Test
    void withoutFlywayOnStartTheIndicatorReadsTheSchemaHistoryItself() {
        TestDatabase db = TestDatabase.get();
        var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(db.url(), db.user(),
                db.password());
        var beans = new StaticListableBeanFactory();
        beans.addBean("dataSource", dataSource);
        var health = new MigrationsHealthIndicator(new StaticListableBeanFactory().getBeanProvider(Flyway.class),
                beans.getBeanProvider(javax.sql.DataSource.class)).health();
        assertThat(health.getStatus()).as("the test database is migrated").isEqualTo(Status.UP);
    }

    private static List<String> componentNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("components").propertyNames().forEach(names::add);
        return names;
    }
}
