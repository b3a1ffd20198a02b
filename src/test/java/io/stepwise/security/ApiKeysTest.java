package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.store.ApiKeyStore;
import io.stepwise.support.Api;
import io.stepwise.support.MutableClock;
import io.stepwise.support.SecurityOn;
import io.stepwise.support.TestJwts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** API keys (created, used, listed, revoked; never shown twice) and JWTs, end to end over HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysTest extends SecuredTest {

    private static final String MACHINE = """
            {"definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}""";

    @Autowired
    private ApiKeyStore store;

    @Test
    void theBootstrapKeyCreatesAKeyThatIsShownOnceAndNeverLoggedOrReturnedAgain(CapturedOutput output) {
        var logging = LoggingSystem.get(getClass().getClassLoader());
        // the most talkative the service can be: a key must not show even at DEBUG
        for (String logger : List.of("io.stepwise", "org.springframework.security", "org.springframework.web")) {
            logging.setLogLevel(logger, LogLevel.DEBUG);
        }
        try {
            Api.Response created = api.post("/v1/api-keys", "{\"name\": \"deployer\", \"role\": \"operator\"}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            String key = created.body().get("key").asString();
            String id = created.body().get("id").asString();
            assertThat(key).matches("sw_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
            assertThat(created.location()).isEqualTo("/v1/api-keys/" + id);
            assertThat(created.body().get("createdBy").asString()).isEqualTo("bootstrap");
            assertThat(key).contains(created.body().get("prefix").asString());

            Api operator = api.as(key);
            assertThat(operator.put("/v1/state-machines/m", MACHINE).status()).isEqualTo(403);
            assertThat(api.put("/v1/state-machines/m", MACHINE).status()).isEqualTo(201);
            assertThat(operator.post("/v1/executions", "{\"stateMachine\": \"m\"}").status()).isEqualTo(201);
            assertThat(operator.get("/v1/executions").status()).isEqualTo(200);

            List<Api.Response> afterwards = List.of(api.get("/v1/api-keys"), api.get("/v1/api-keys/" + id),
                    api.get("/v1/audit?limit=100"), api.delete("/v1/api-keys/" + id), api.get("/v1/api-keys"));
            for (Api.Response response : afterwards) {
                assertThat(response.status()).as(response.raw()).isIn(200, 204);
                assertThat(String.valueOf(response.raw())).doesNotContain(key).doesNotContain(secretOf(key));
            }
            assertThat(afterwards.getFirst().body().get("items").get(0).has("key")).isFalse();
            // only the hash is stored
            assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE CAST(api_key AS text) LIKE ?")
                    .param("%" + secretOf(key) + "%").query(Long.class).single()).isZero();
            assertThat(output.getAll()).contains("/v1/api-keys") // the DEBUG logs did see the requests
                    .doesNotContain(secretOf(key)).doesNotContain(SecurityOn.BOOTSTRAP_KEY);
        } finally {
            for (String logger : List.of("io.stepwise", "org.springframework.security", "org.springframework.web")) {
                logging.setLogLevel(logger, null);
            }
        }
    }

    private static String secretOf(String key) {
        return key.substring(key.lastIndexOf('_') + 1);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnTheRevokingReplica() {
        Api.Response created = api.post("/v1/api-keys", "{\"name\": \"reader\", \"role\": \"reader\"}");
        Api reader = api.as(created.body().get("key").asString());
        assertThat(reader.get("/v1/state-machines").status()).isEqualTo(200); // looked up and cached

        assertThat(api.delete("/v1/api-keys/" + created.body().get("id").asString()).status()).isEqualTo(204);

        Api.Response refused = reader.get("/v1/state-machines");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        Api.Response listed = api.get("/v1/api-keys/" + created.body().get("id").asString());
        assertThat(listed.body().get("revokedAt").isNull()).isFalse();
        assertThat(api.delete("/v1/api-keys/0190a3a0-0000-7000-8000-000000000000").status()).isEqualTo(404);
    }

    /** A replica that did not revoke the key trusts its cached lookup for at most the cache's TTL. */
    @Test
    void anotherReplicaRefusesARevokedKeyWithinTheCacheTtl() {
        var clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
        var properties = new SecurityProperties(true, null, Duration.ofSeconds(10), List.of(), new SecurityProperties.Jwt("roles"),
                Duration.ofHours(8));
        var revoking = new ApiKeys(store, clock, properties);
        var other = new ApiKeys(store, clock, properties);
        var created = revoking.create("ci", Role.OPERATOR, "test");
        assertThat(other.authenticate(created.secret())).isPresent();

        revoking.revoke(created.key().id());

        assertThat(revoking.authenticate(created.secret())).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        assertThat(other.authenticate(created.secret())).as("still cached").isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(other.authenticate(created.secret())).as("past the TTL").isEmpty();
    }

    @Test
    void wrongKeysAreRefusedWithAProblemThatDoesNotRepeatThem() {
        String real = keyOf(Role.ADMIN);
        String tampered = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");
        for (String token : List.of(tampered, "sw_000000000000_" + "x".repeat(43), "sw_", "sw_short",
                SecurityOn.BOOTSTRAP_KEY + "x")) {
            Api.Response refused = api.as(token).get("/v1/executions");
            assertThat(refused.status()).as(token).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("type").asString()).isEqualTo("urn:stepwise:problem:unauthorized");
            assertThat(refused.raw()).doesNotContain(token);
        }
        Api.Response none = api.as(null).get("/v1/executions");
        assertThat(none.header("WWW-Authenticate").orElseThrow()).isEqualTo("Bearer realm=\"stepwise\"");
    }

    @Test
    void aJwtOfTheConfiguredIssuerCarriesItsRolesClaim() {
        var jwts = TestJwts.get();
        api.put("/v1/state-machines/m", MACHINE);
        Api operator = api.as(jwts.token("alice", Map.of("roles", List.of("operator", "some-idp-role"))));
        assertThat(operator.post("/v1/executions", "{\"stateMachine\": \"m\", \"name\": \"by-alice\"}").status())
                .isEqualTo(201);
        assertThat(operator.put("/v1/state-machines/m", MACHINE).status()).isEqualTo(403);
        assertThat(api.as(jwts.token("bob", Map.of("roles", "ADMIN"))).put("/v1/state-machines/m", MACHINE).status())
                .isEqualTo(200);
        assertThat(api.as(jwts.token("carol", Map.of())).get("/v1/executions").status()).as("no roles").isEqualTo(403);
        assertThat(api.as(jwts.forged("mallory", Map.of("roles", "admin"))).get("/v1/executions").status())
                .isEqualTo(401);
        assertThat(api.as(jwts.expired("alice", Map.of("roles", "admin"))).get("/v1/executions").status())
                .isEqualTo(401);
        List<String> byAlice = new java.util.ArrayList<>();
        api.get("/v1/audit?actor=jwt:alice").body().get("items").forEach(e -> byAlice.add(e.get("method").asString()
                + " " + e.get("path").asString() + " " + e.get("status").asInt()));
        assertThat(byAlice).containsExactly("PUT /v1/state-machines/m 403", "POST /v1/executions 201");
    }

    @Test
    void aRolesClaimMayBeNested() {
        var nested = new JwtRoles("realm_access.roles");
        var jwt = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("t").header("alg", "RS256")
                .subject("dave").claim("realm_access", Map.of("roles", List.of("worker", "offline_access"))).build();
        var caller = (Caller) nested.convert(jwt).getPrincipal();
        assertThat(caller.actor()).isEqualTo("jwt:dave");
        assertThat(caller.roles()).containsExactly(Role.WORKER);
    }
}
