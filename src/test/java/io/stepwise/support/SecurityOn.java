package io.stepwise.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Authentication on, for the tests of it and the bad-input suites run through it: the bootstrap admin
 * key below, and JWTs of {@link TestJwts}. Call {@link #register} from a {@code @DynamicPropertySource}
 * of the test class (it overrides IntegrationTest's "off").
 */
public final class SecurityOn {

    /** The admin key from configuration, as an operator would set STEPWISE_SECURITY_BOOTSTRAP_KEY. */
    public static final String BOOTSTRAP_KEY = "it-bootstrap-key-0123456789abcdefghijklmnop";

    private SecurityOn() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("stepwise.security.enabled", () -> "true");
        registry.add("stepwise.security.bootstrap-key", () -> BOOTSTRAP_KEY);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> TestJwts.get().jwkSetUri());
    }
}
