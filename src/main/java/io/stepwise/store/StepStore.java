package io.stepwise.store;

import static io.stepwise.store.Rows.json;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

@Repository
class StepStore {

    private static final RowMapper<ClaimedStep> CLAIMED = (rs, n) -> new ClaimedStep(
            rs.getLong("id"),
            rs.getObject("execution_id", UUID.class),
            Rows.nullableLong(rs, "parent_id"),
            Rows.nullableInt(rs, "branch_index"),
            rs.getString("state_name"),
            json(rs, "input"),
            json(rs, "state_data"),
            rs.getInt("attempt"),
            rs.getObject("lease_token", UUID.class));

    static final String DEFAULT_QUEUE = "default";

    private final JdbcClient jdbc;

    StepStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertReady(UUID executionId, String stateName, JsonNode input, Instant runAt, Instant now) {
        jdbc.sql(SqlStatements.get("StepInsert"))
                .param("executionId", executionId)
                .param("parentId", null, java.sql.Types.BIGINT)
                .param("branchIndex", null, java.sql.Types.INTEGER)
                .param("queue", DEFAULT_QUEUE)
                .param("priority", 0)
                .param("stateName", stateName)
                .param("input", Rows.text(input))
                .param("stateData", null, java.sql.Types.VARCHAR)
                .param("runAt", Rows.timestamp(runAt))
                .param("now", Rows.timestamp(now))
                .update();
    }

    List<ClaimedStep> claimReady(String owner, int limit, Instant now, Instant leaseExpiresAt) {
        return jdbc.sql(SqlStatements.get("StepClaimReady"))
                .param("queue", DEFAULT_QUEUE)
                .param("now", Rows.timestamp(now))
                .param("limit", limit)
                .param("owner", owner)
                .param("leaseExpiresAt", Rows.timestamp(leaseExpiresAt))
                .query(CLAIMED).list();
    }

    /** @return false when the lease is no longer ours: someone rescued or finished the step */
    boolean deleteLeased(long id, UUID leaseToken) {
        return jdbc.sql(SqlStatements.get("StepDeleteLeased"))
                .param("id", id).param("leaseToken", leaseToken).update() == 1;
    }
}
