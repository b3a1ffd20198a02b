package io.stepwise.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RetentionPrunerTest extends IntegrationTest {

    @Autowired
    RetentionPruner pruner;
    @Autowired
    StateMachines machines;
    @Autowired
    Executions executions;

    private UUID finishedExecution() {
        UUID id = executions.start("p", null, null, Json.parse("{}")).execution().id();
        Eventually.await(Duration.ofSeconds(10), () -> executions.find(id).orElseThrow().status(),
                s -> s == ExecutionStatus.SUCCEEDED);
        return id;
    }

    @Test
    void finishedExecutionsOlderThanTheRetentionGoWithTheirHistory() {
        machines.register("p", Json.parse(Asl.single("A", Asl.pass())), null);
        UUID old = finishedExecution();
        UUID recent = finishedExecution();
        jdbc.sql("UPDATE execution SET start_date = start_date - interval '31 days', stop_date = stop_date - interval '31 days' "
                + "WHERE id = ?").param(old).update();

        pruner.run();

        assertThat(executions.find(old)).isEmpty();
        assertThat(historyTable.rowsOf(old)).isZero();
        assertThat(executions.find(recent)).isPresent();
        assertThat(historyTable.rowsOf(recent)).isPositive();
    }

    /** A job is an execution with a job row (and a unique key's row): retention takes them together. */
    @Test
    void aPrunedJobTakesItsJobRowAndItsUniqueKeyWithIt() {
        UUID old = UUID.fromString(api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"uniqueKey\": \"old\"}")
                .body().get("id").asString());
        UUID recent = UUID.fromString(api.post("/v1/jobs", "{\"type\": \"stepwise:echo\", \"uniqueKey\": \"recent\"}")
                .body().get("id").asString());
        for (UUID id : new UUID[] {old, recent}) {
            Eventually.await(Duration.ofSeconds(10), () -> executions.find(id).orElseThrow().status(),
                    s -> s == ExecutionStatus.SUCCEEDED);
        }
        jdbc.sql("UPDATE execution SET start_date = start_date - interval '31 days', stop_date = stop_date - interval '31 days' "
                + "WHERE id = ?").param(old).update();

        pruner.run();

        assertThat(executions.find(old)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM job WHERE execution_id = ?").param(old).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM job_unique_key WHERE execution_id = ?").param(old).query(Long.class)
                .single()).isZero();
        assertThat(api.get("/v1/jobs/" + recent).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM job_unique_key WHERE execution_id = ?").param(recent).query(Long.class)
                .single()).isOne();
    }

    /** The audit trail has its own retention (stepwise.retention.audit, 90 days by default). */
    @Test
    void auditEventsOlderThanTheirRetentionGo() {
        for (String age : new String[] {"91 days", "89 days"}) {
            jdbc.sql("INSERT INTO audit_event (at, actor, method, path, status) VALUES (now() - CAST(? AS interval),"
                    + " 'key:0123456789ab', 'POST', '/v1/executions', 201)").param(age).update();
        }

        pruner.run();

        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE at < now() - interval '90 days'").query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(1);
    }
}
