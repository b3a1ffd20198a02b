package io.stepwise.config;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * Plain JDBC transactions for everything the engine does. Every statement of the hot path is named SQL
 * through {@code JdbcClient}; no entity is ever loaded there, so the JPA transaction manager Boot would
 * otherwise choose only opened and flushed an empty Hibernate session around each transaction
 * (measurable in a drain's profile). The queue catalog, which people edit through JPA
 * ({@code store.Queues}), names {@code catalogTransactionManager} instead.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    JpaTransactionManager catalogTransactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
