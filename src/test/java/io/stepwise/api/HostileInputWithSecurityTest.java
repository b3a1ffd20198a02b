package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.SecurityOn;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every case of {@link HostileInputTest} with authentication on and a valid admin key: the same answers. */
class HostileInputWithSecurityTest extends HostileInputTest {

    @DynamicPropertySource
    static void securityOn(DynamicPropertyRegistry registry) {
        SecurityOn.register(registry);
    }

    @Override
    protected String bearer() {
        return SecurityOn.BOOTSTRAP_KEY;
    }

    /** The cases above pass because of the key, not because authentication is off. */
    @Test
    void withoutTheKeyTheSameRequestsAreRefused() {
        var refused = api.as(null).post("/v1/executions", "{\"stateMachine\": \"m\"}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(401);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:stepwise:problem:unauthorized");
    }
}
