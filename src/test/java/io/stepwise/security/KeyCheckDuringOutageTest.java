package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.StepwiseApplication;
import io.stepwise.config.EmbeddedDatabase;
import io.stepwise.support.Api;
import io.stepwise.support.Eventually;
import io.stepwise.support.SecurityOn;
import io.stepwise.support.TestJwts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * While the database is away, an API key that is not in the replica's cache cannot be checked: the
 * answer is 503 with Retry-After (retry, the key may be fine), never 401 (which says the key is bad). A
 * key already in the cache, the bootstrap key and a JWT need no database to be checked. Its own
 * PostgreSQL server, so the test can stop it (as DatabaseRestartTest does).
 */
class KeyCheckDuringOutageTest {

    /** Changes nothing and reads no table: only authentication could need the database. */
    private static final String VALIDATE = "/v1/state-machines/validate";
    private static final String DEFINITION = "{\"definition\": {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\","
            + " \"End\": true}}}}";

    @Test
    void anUncheckedKeyIsAnswered503NotUnauthorized() throws Exception {
        Path data = Files.createTempDirectory("stepwise-outage-pg");
        EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, false);
        int port = database.port();
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(StepwiseApplication.class)
                .properties("spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + EmbeddedDatabase.USER,
                        "spring.datasource.password=" + EmbeddedDatabase.USER, "spring.main.banner-mode=off",
                        "server.port=0", "spring.datasource.hikari.connection-timeout=1000",
                        "stepwise.security.enabled=true", "stepwise.security.bootstrap-key=" + SecurityOn.BOOTSTRAP_KEY,
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestJwts.get().jwkSetUri())
                .run()) {
            var admin = new Api("http://localhost:" + service.getEnvironment().getProperty("local.server.port"),
                    SecurityOn.BOOTSTRAP_KEY);
            String cached = key(admin, "cached");
            String uncached = key(admin, "uncached");
            assertThat(admin.as(cached).post(VALIDATE, DEFINITION).status()).isEqualTo(200);

            database.close();
            for (String key : List.of(uncached, "sw_0123456789ab_not-a-key-but-who-can-tell-without-the-table")) {
                Api.Response response = admin.as(key).post(VALIDATE, DEFINITION);
                assertThat(response.status()).as(response.raw()).isEqualTo(503);
                assertThat(response.header("Retry-After")).contains("2");
                assertThat(response.header("WWW-Authenticate")).isEmpty();
                assertThat(response.body().get("type").asString()).isEqualTo("urn:stepwise:problem:database-unavailable");
                assertThat(response.body().get("instance").asString()).isEqualTo(VALIDATE);
                assertThat(response.raw()).doesNotContain(key);
            }
            // what needs no database to be checked still gets in
            assertThat(admin.as(cached).post(VALIDATE, DEFINITION).status()).isEqualTo(200);
            assertThat(admin.post(VALIDATE, DEFINITION).status()).isEqualTo(200);
            String jwt = TestJwts.get().token("reader-1", Map.of("roles", List.of("reader")));
            assertThat(admin.as(jwt).post(VALIDATE, DEFINITION).status()).isEqualTo(200);
            // and no credentials is still 401
            assertThat(admin.as(null).post(VALIDATE, DEFINITION).status()).isEqualTo(401);

            database = EmbeddedDatabase.start(data, port, false);
            // the same key, once the database is back (the pool reconnects within a second or two)
            Eventually.await(Duration.ofSeconds(30), () -> admin.as(uncached).post(VALIDATE, DEFINITION).status(),
                    status -> status == 200);
        } finally {
            database.close();
        }
    }

    private static String key(Api admin, String name) {
        Api.Response created = admin.post("/v1/api-keys", "{\"name\": \"" + name + "\", \"role\": \"reader\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("key").asString();
    }
}
