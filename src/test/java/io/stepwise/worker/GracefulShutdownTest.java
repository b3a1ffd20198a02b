package io.stepwise.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.Replicas;
import io.stepwise.support.StepTable;
import io.stepwise.support.TestDatabase;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A stopping replica stops claiming, lets handlers finish within the grace period, and releases the rest. */
class GracefulShutdownTest {

    @Test
    void aHandlerStillRunningAfterTheGracePeriodIsCancelledAndItsStepReleased() throws InterruptedException {
        TestDatabase db = TestDatabase.get();
        JdbcClient sql = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        StepTable steps = new StepTable(sql);
        var engine = Replicas.start(db, "stepwise.worker.shutdown-grace=1s");
        String owner = engine.getBean(InFlightSteps.class).owner();
        String name = "shutdown-" + UUID.randomUUID();
        engine.getBean(StateMachines.class).register(name, Json.parse(Asl.task("test:block")), null);
        // Other test contexts in this JVM poll the same database: retry until this engine runs the handler.
        UUID id = null;
        for (int attempt = 0; attempt < 5 && id == null; attempt++) {
            UUID candidate = engine.getBean(Executions.class).start(name, null, null, Json.parse("{}")).execution().id();
            assertThat(TestTaskHandlers.block(candidate).started().await(30, TimeUnit.SECONDS)).isTrue();
            String claimedBy = steps.only(candidate).leaseOwner();
            if (owner.equals(claimedBy)) {
                id = candidate;
            } else {
                engine.getBean(Executions.class).stop(candidate, null, null);
            }
        }
        assertThat(id).as("this engine claimed one of the executions").isNotNull();

        engine.close();

        assertThat(TestTaskHandlers.block(id).ended().await(30, TimeUnit.SECONDS)).isTrue();
        UUID released = id;
        // released untouched for another replica: READY again (until one claims it), no lease, still running
        StepTable.Step step = Eventually.await(Duration.ofSeconds(10), () -> steps.only(released),
                row -> !"RUNNING".equals(row.status()) || !owner.equals(row.leaseOwner()));
        assertThat(step.leaseOwner()).isNotEqualTo(owner);
        assertThat(step.kind()).isEqualTo("ENTER");
        // this engine is closed, so its store cannot be asked
        assertThat(sql.sql("SELECT status FROM execution WHERE id = ?").param(released).query(String.class).single())
                .isEqualTo("RUNNING");
    }
}
