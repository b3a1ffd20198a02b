package io.stepwise.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An {@link IntegrationTest} with authentication on ({@link SecurityOn}): {@link #api} carries the
 * bootstrap admin key, and {@link #keyOf} makes a stored key of any role. Every subclass shares one
 * Spring context.
 */
public abstract class SecuredIntegrationTest extends IntegrationTest {

    @DynamicPropertySource
    static void securityOn(DynamicPropertyRegistry registry) {
        SecurityOn.register(registry);
    }

    @Override
    protected String bearer() {
        return SecurityOn.BOOTSTRAP_KEY;
    }

    /** A new stored key of that role ("reader", "operator", "worker", "admin"), created by the bootstrap admin. */
    protected String keyOf(String role) {
        Api.Response created = api.post("/v1/api-keys", "{\"name\": \"" + role + "-key\", \"role\": \"" + role + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("could not create a " + role + " key: " + created.raw());
        }
        return created.body().get("key").asString();
    }
}
