package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The step table is vacuumed by how many dead rows it has, not by its size (V22): with the default 20 %
 * scale factor a backlog of millions left millions of dead entries at the head of the ready index, where
 * every claim starts. What autovacuum then does is PostgreSQL's; this holds the table's settings to it.
 */
class QueueTableVacuumTest extends IntegrationTest {

    @Test
    void theStepTableIsVacuumedAfterTwentyThousandDeadRowsWithoutACostDelay() {
        String options = jdbc.sql("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'step'::regclass")
                .query(String.class).single();
        assertThat(options.split(",")).containsExactlyInAnyOrder("autovacuum_vacuum_scale_factor=0",
                "autovacuum_vacuum_threshold=20000", "autovacuum_vacuum_cost_delay=0");
    }
}
