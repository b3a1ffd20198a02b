package io.stepwise.config;

import io.stepwise.store.DatabaseClock;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One clock for the whole service, so tests can move time instead of sleeping: the database's time
 * ({@link DatabaseClock}), so replicas whose clocks disagree still agree on leases and timers.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(DataSource dataSource) {
        return new DatabaseClock(Clock.systemUTC(), JdbcClient.create(dataSource), Duration.ofSeconds(10));
    }
}
