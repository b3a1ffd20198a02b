package io.stepwise.config;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Plain JDBC transactions for everything the engine does. Every statement of the hot path is named SQL
 * through {@code JdbcClient}; no entity is ever loaded there, so the JPA transaction manager Boot would
 * otherwise choose only opened and flushed an empty Hibernate session around each transaction
 * (measurable in a drain's profile). It is the primary one: only the catalogs people edit through JPA
 * (queues, schedules) name JPA's ({@link JpaConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
