package io.stepwise.store;

import org.springframework.data.jpa.repository.JpaRepository;

/** The queue catalog (Spring Data JPA): a few rows edited by people, never on the claim's path. */
interface QueueSettingsRepository extends JpaRepository<QueueSettings, String> {
}
