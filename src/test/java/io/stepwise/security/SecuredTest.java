package io.stepwise.security;

import io.stepwise.support.Api;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.SecurityOn;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Stepwise with authentication on (one context shared by the security tests): {@link #api} carries
 * the bootstrap admin key; {@link #keyOf} makes a stored key of any role.
 */
abstract class SecuredTest extends IntegrationTest {

    @DynamicPropertySource
    static void securityOn(DynamicPropertyRegistry registry) {
        SecurityOn.register(registry);
    }

    @Override
    protected String bearer() {
        return SecurityOn.BOOTSTRAP_KEY;
    }

    /** A new stored key of that role, created by the bootstrap admin. */
    protected String keyOf(Role role) {
        Api.Response created = api.post("/v1/api-keys", "{\"name\": \"" + role.id() + "-key\", \"role\": \"" + role.id()
                + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("could not create a " + role.id() + " key: " + created.raw());
        }
        return created.body().get("key").asString();
    }
}
