package io.stepwise.config;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Development mode: with no {@code spring.datasource.url}, Stepwise starts its own PostgreSQL 17 with
 * its data under {@code ./.stepwise/} (kept across restarts). The zonky binaries are only on the
 * classpath of {@code ./mvnw spring-boot:run} and of tests: the packaged jar leaves them out, so in
 * production this configuration never matches and a missing URL is a start-up error.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@Conditional(NoDataSourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(Environment environment) throws IOException {
        var settings = Binder.get(environment)
                .bindOrCreate("stepwise.embedded-database", EmbeddedDatabaseSettings.class);
        var database = EmbeddedDatabase.start(Path.of(settings.dataDirectory()), settings.port());
        log.info("Stepwise is on its embedded PostgreSQL (data in {}, port {}). For a real database set "
                        + "SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.",
                settings.dataDirectory(), database.port());
        return database;
    }

    /** Pool settings still come from {@code spring.datasource.hikari.*}, as with a real database. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(EmbeddedDatabase.USER);
        dataSource.setPassword(EmbeddedDatabase.USER);
        dataSource.setPoolName("stepwise-embedded");
        return dataSource;
    }
}
