package io.stepwise.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.IntegrationTest;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ValidationConfigurationTest extends IntegrationTest {

    @Autowired
    ValidatorFactory validation;

    /** Without it, JPA on the classpath makes every validated property a question to the persistence provider. */
    @Test
    void requestBodiesAreValidatedWithoutAskingJpa() {
        assertThat(validation.getTraversableResolver()).isInstanceOf(ValidationConfiguration.EverythingReachable.class);
    }

    /** Validation itself is unchanged: a batch item missing its machine is still refused, at its field. */
    @Test
    void aBatchItemWithoutItsMachineIsStillRefusedAtItsField() {
        var answer = api.post("/v1/executions/batch", "{\"executions\": [{\"stateMachine\": \"x\"}, {\"input\": {}}]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.raw()).contains("/executions/1/stateMachine");
    }
}
