package io.stepwise.config;

import io.stepwise.store.ScheduleRepository;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * Spring Data JPA for the catalogs people edit (queues, schedules): every repository of the store package. Its repositories run on a JPA transaction
 * manager of their own: the primary one stays plain JDBC ({@link TransactionConfiguration}), so the hot
 * path never opens a Hibernate session. The JPA manager binds the same DataSource's connection, so
 * named statements called inside a catalog transaction join it.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = ScheduleRepository.class,
        transactionManagerRef = ScheduleRepository.TRANSACTION_MANAGER)
class JpaConfiguration {

    @Bean(ScheduleRepository.TRANSACTION_MANAGER)
    JpaTransactionManager jpaTransactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
