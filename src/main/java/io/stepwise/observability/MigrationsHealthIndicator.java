package io.stepwise.observability;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness component {@code migrations}: DOWN while the database lacks migrations this build knows
 * (a replica started before the Helm chart's migration Job finished, with Flyway's run on start
 * switched off: then there is no Flyway bean, and this builds one over the same migrations only to read
 * the schema's history). Once UP it stays UP without asking the database again: migrations only go forward.
 */
@Component("migrations")
class MigrationsHealthIndicator implements HealthIndicator {

    static final String LOCATION = "classpath:db/migration";

    private final ObjectProvider<Flyway> flyway;
    private final ObjectProvider<DataSource> dataSource;
    private volatile boolean migrated;

    MigrationsHealthIndicator(ObjectProvider<Flyway> flyway, ObjectProvider<DataSource> dataSource) {
        this.flyway = flyway;
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        if (migrated) {
            return Health.up().build();
        }
        Flyway f = flyway.getIfAvailable(() -> dataSource.getIfAvailable() == null ? null
                : Flyway.configure().dataSource(dataSource.getObject()).locations(LOCATION).load());
        if (f == null) {
            return Health.unknown().withDetail("flyway", "no data source").build();
        }
        int pending = f.info().pending().length;
        if (pending > 0) {
            return Health.down().withDetail("pending", pending).build();
        }
        migrated = true;
        return Health.up().build();
    }
}
