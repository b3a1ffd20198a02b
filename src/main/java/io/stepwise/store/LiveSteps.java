package io.stepwise.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an execution is doing right now, read from its steps (the queue) rather than its history: a
 * state's events are written when the run through it commits, so a Task whose handler still runs, or a
 * Map's iterations in flight, show only here. Read-only; for the console's live graph.
 */
@Service
public class LiveSteps {

    /**
     * Steps at one state with one status. {@code parentState}: the Map or Parallel whose child the step
     * is (its item or branch), null at the top level. Statuses are {@link io.stepwise.engine.StepStatus} names.
     */
    public record StateSteps(String state, String status, String parentState, long steps) {
    }

    /** A child of a Map (an item) or Parallel (a branch), by its index. */
    public record Child(int index, String status) {
    }

    private final JdbcClient jdbc;

    LiveSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<StateSteps> counts(UUID executionId) {
        return jdbc.sql(SqlStatements.get("StepLiveCounts")).param("executionId", executionId)
                .query((rs, n) -> new StateSteps(rs.getString("state_name"), rs.getString("status"),
                        rs.getString("parent_state"), rs.getLong("steps")))
                .list();
    }

    /** Up to {@code limit} children of the Map or Parallel state, from index {@code from} on. */
    @Transactional(readOnly = true)
    public List<Child> children(UUID executionId, String state, int from, int limit) {
        return jdbc.sql(SqlStatements.get("StepChildrenOfState")).param("executionId", executionId)
                .param("stateName", state).param("fromIndex", from).param("limit", limit)
                .query((rs, n) -> new Child(rs.getInt("branch_index"), rs.getString("status")))
                .list();
    }
}
