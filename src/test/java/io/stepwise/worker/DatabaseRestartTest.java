package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.StepwiseApplication;
import io.stepwise.asl.Json;
import io.stepwise.config.EmbeddedDatabase;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Api;
import io.stepwise.support.Eventually;
import io.stepwise.support.FaultWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL stops and starts again under a running replica (issue 16): no restart of Stepwise is
 * needed, readiness goes DOWN while the database is away and UP after, and every execution completes
 * with each state entered once. Its own PostgreSQL server, so the test can stop it.
 */
class DatabaseRestartTest {

    private static final int EXECUTIONS = 1000;


    @Test
    void aReplicaRidesOutADatabaseRestart() throws Exception {
        Path data = Files.createTempDirectory("stepwise-restart-pg");
        EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, false);
        int port = database.port();
        String url = database.jdbcUrl();
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(StepwiseApplication.class)
                .properties("spring.datasource.url=" + url, "spring.datasource.username=" + EmbeddedDatabase.USER,
                        "spring.datasource.password=" + EmbeddedDatabase.USER, "spring.main.banner-mode=off",
                        "server.port=0", "spring.datasource.hikari.connection-timeout=1000",
                        "stepwise.worker.slots=128", "stepwise.worker.lease=3s", "stepwise.worker.poll-interval=200ms",
                        "logging.level.root=ERROR",
                        // about the database going away, not about who may call: the API answers without credentials
                        "stepwise.security.enabled=false")
                .run()) {
            var api = new Api("http://localhost:" + engine.getEnvironment().getProperty("local.server.port"));
            engine.getBean(StateMachines.class).register("restart", Json.parse(FaultWorkload.machine(200)), null);
            List<Executions.StartRequest> starts = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                starts.add(new Executions.StartRequest("restart", null, null, Json.parse("{\"items\": [1, 2]}")));
            }
            String someExecution = engine.getBean(Executions.class).startAll(starts).getFirst().start().execution().id()
                    .toString();
            JdbcClient sql = JdbcClient.create(new DriverManagerDataSource(url, EmbeddedDatabase.USER,
                    EmbeddedDatabase.USER));
            int beforeStop = Eventually.await(Duration.ofMinutes(2), () -> finished(sql), n -> n >= EXECUTIONS / 5);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

            long stopped = System.nanoTime();
            database.close();
            Eventually.await(Duration.ofSeconds(30), () -> api.get("/actuator/health/readiness").status(),
                    status -> status == 503);
            assertThat(finished(sql)).as("the database is away").isEqualTo(-1);
            // a request that would work after a retry gets 503 with Retry-After, never a 500
            for (Api.Response response : List.of(api.get("/v1/executions/" + someExecution),
                    api.post("/v1/executions", "{\"stateMachine\": \"restart\", \"input\": {\"items\": []}}"))) {
                assertThat(response.status()).as(response.raw()).isEqualTo(503);
                assertThat(response.header("Retry-After")).contains("2");
                assertThat(response.body().get("type").asString()).isEqualTo("urn:stepwise:problem:database-unavailable");
            }
            database = EmbeddedDatabase.start(data, port, false);
            long restarted = System.nanoTime();
            int afterRestart = finished(sql);
            Eventually.await(Duration.ofSeconds(60), () -> api.get("/actuator/health/readiness").status(),
                    status -> status == 200);
            long ready = System.nanoTime();

            Eventually.await(Duration.ofMinutes(3), () -> finished(sql), n -> n == EXECUTIONS);
            System.out.printf("database away %d ms; %d of %d executions finished before, %d right after; readiness UP "
                    + "%d ms after its restart; all finished %d ms after it%n", (restarted - stopped) / 1_000_000,
                    beforeStop, EXECUTIONS, afterRestart, (ready - restarted) / 1_000_000,
                    (System.nanoTime() - restarted) / 1_000_000);
            assertThat(sql.sql("SELECT count(*) FROM execution WHERE status <> 'SUCCEEDED'").query(Integer.class)
                    .single()).isZero();
            List<String> wrong = FaultWorkload.statesEnteredOtherThanOnce(sql, "restart", 2);
            assertThat(wrong).as("states entered other than once").isEmpty();
        } finally {
            database.close();
        }
    }

    private static int finished(JdbcClient sql) {
        try {
            return sql.sql("SELECT count(*) FROM execution WHERE status <> 'RUNNING'").query(Integer.class).single();
        } catch (RuntimeException away) {
            return -1; // the database is restarting
        }
    }
}
