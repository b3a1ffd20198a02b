package io.stepwise.observability;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness component {@code migrations}: DOWN while the database lacks migrations this build knows
 * (a replica started before the Helm chart's migration Job finished, with Flyway's run on start
 * switched off). Once UP it stays UP without asking the database again: migrations only go forward.
 */
@Component("migrations")
class MigrationsHealthIndicator implements HealthIndicator {

    private final ObjectProvider<Flyway> flyway;
    private volatile boolean migrated;

    MigrationsHealthIndicator(ObjectProvider<Flyway> flyway) {
        this.flyway = flyway;
    }

    @Override
    public Health health() {
        if (migrated) {
            return Health.up().build();
        }
        Flyway f = flyway.getIfAvailable();
        if (f == null) {
            return Health.unknown().withDetail("flyway", "not configured").build();
        }
        int pending = f.info().pending().length;
        if (pending > 0) {
            return Health.down().withDetail("pending", pending).build();
        }
        migrated = true;
        return Health.up().build();
    }
}
