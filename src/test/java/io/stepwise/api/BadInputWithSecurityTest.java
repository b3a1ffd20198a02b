package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.SecuredIntegrationTest;
import io.stepwise.support.SecurityOn;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The bad-input suite with authentication on and a valid admin key: every case of
 * {@link MalformedRequestTest} and of {@link HostileInputTest} gets the same answer as with security off.
 * The nested classes inherit this class's configuration, so both run in one Spring context.
 */
class BadInputWithSecurityTest extends SecuredIntegrationTest {

    /** The cases below pass because of the key, not because authentication is off. */
    @Test
    void withoutTheKeyTheSameRequestsAreRefused() {
        var refused = api.as(null).post("/v1/executions", "{\"stateMachine\": \"m\"}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(401);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:stepwise:problem:unauthorized");
    }

    @Nested
    class MalformedRequests extends MalformedRequestTest {

        @Override
        protected String bearer() {
            return SecurityOn.BOOTSTRAP_KEY;
        }
    }

    @Nested
    class HostileInput extends HostileInputTest {

        @Override
        protected String bearer() {
            return SecurityOn.BOOTSTRAP_KEY;
        }
    }
}
