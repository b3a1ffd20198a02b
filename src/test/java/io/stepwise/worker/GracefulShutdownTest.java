package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.StepwiseApplication;
import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.TestDatabase;
import io.stepwise.support.TestTaskHandlers;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A stopping replica stops claiming, lets handlers finish within the grace period, and releases the rest. */
class GracefulShutdownTest {

    @Test
    void aHandlerStillRunningAfterTheGracePeriodIsCancelledAndItsStepReleased() throws InterruptedException {
        TestDatabase db = TestDatabase.get();
        var engine = new SpringApplicationBuilder(StepwiseApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + db.password(), "spring.main.banner-mode=off",
                        "stepwise.worker.shutdown-grace=1s", "logging.level.root=WARN")
                .run();
        TestTaskHandlers.blockStarted = new CountDownLatch(1);
        TestTaskHandlers.blockCancelled = new CountDownLatch(1);
        String name = "shutdown-" + UUID.randomUUID();
        engine.getBean(StateMachines.class).register(name, Json.parse("""
                {"StartAt": "Long", "States": {"Long": {"Type": "Task", "Resource": "test:block", "End": true}}}"""),
                null);
        UUID id = engine.getBean(Executions.class).start(name, null, null, Json.parse("{}")).execution().id();
        assertThat(TestTaskHandlers.blockStarted.await(30, TimeUnit.SECONDS)).isTrue();

        engine.close();

        assertThat(TestTaskHandlers.blockCancelled.await(30, TimeUnit.SECONDS)).isTrue();
        // released untouched for another replica: READY again, no lease, the execution still running
        Map<String, Object> step = new JdbcTemplate(new DriverManagerDataSource(db.url(), db.user(), db.password()))
                .queryForMap("SELECT s.status, s.kind, s.lease_token, e.status AS execution_status FROM step s "
                        + "JOIN execution e ON e.id = s.execution_id WHERE s.execution_id = ?", id);
        assertThat(step.get("status")).isEqualTo("READY");
        assertThat(step.get("kind")).isEqualTo("ENTER");
        assertThat(step.get("lease_token")).isNull();
        assertThat(step.get("execution_status")).isEqualTo("RUNNING");
    }
}
