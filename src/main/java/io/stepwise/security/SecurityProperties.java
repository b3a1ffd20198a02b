package io.stepwise.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stepwise.security.*} (docs/security.md).
 *
 * @param enabled true or false; unset: on with an external database (spring.datasource.url), off with
 *        the embedded development one ({@link SecurityMode})
 * @param bootstrapKey an admin key from configuration (STEPWISE_SECURITY_BOOTSTRAP_KEY), for creating the
 *        first stored key; at least 32 characters of [A-Za-z0-9-._~+/], optionally ending in '='
 * @param apiKeyCacheTtl how long a replica trusts a key it has looked up; a key revoked on another
 *        replica is refused here at most this much later (on the revoking replica at once)
 * @param publicActuatorEndpoints actuator endpoints anyone may read; every other one is admin-only
 * @param jwt how roles are read from OAuth 2 / OIDC bearer tokens
 * @param consoleSession how long a web console sign-in lasts (a JWT's sign-in ends with the token)
 */
@ConfigurationProperties("stepwise.security")
public record SecurityProperties(Boolean enabled, String bootstrapKey, @DefaultValue("10s") Duration apiKeyCacheTtl,
        @DefaultValue({"health", "prometheus"}) List<String> publicActuatorEndpoints, @DefaultValue Jwt jwt,
        @DefaultValue("8h") Duration consoleSession) {

    /**
     * @param rolesClaim the claim holding the caller's roles (a string or a list of strings), a dotted
     *        path for a nested one (Keycloak's realm_access.roles)
     * @param namespacesClaim the claim holding the namespaces the caller may name (the same forms; '*' for
     *        all); a token without it may name the default namespace only
     */
    public record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("namespaces") String namespacesClaim) {

        @ConstructorBinding
        public Jwt {
        }

        /** With the default namespaces claim. */
        public Jwt(String rolesClaim) {
            this(rolesClaim, "namespaces");
        }
    }
}
