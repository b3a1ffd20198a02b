package io.stepwise.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * White-box reads of the step table (the work queue), for the facts no store method exposes: which
 * steps an execution has left, in which status and kind, when they are due, who holds them. Tests read
 * the queue through here so that its SQL is written once; what a store method answers (an execution's
 * status, output, history) they ask the store.
 */
public final class StepTable {

    /** One row of the step table, as far as tests look at it. */
    public record Step(long id, Long parentId, Integer branchIndex, String status, String kind, String stateName,
            Instant runAt, String leaseOwner, int attempt) {

        /** {@code STATUS/KIND}, e.g. {@code READY/WAIT}. */
        public String statusAndKind() {
            return status + "/" + kind;
        }
    }

    private final JdbcClient jdbc;

    public StepTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many steps the table holds, of every execution. */
    public int count() {
        return jdbc.sql("SELECT count(*) FROM step").query(Integer.class).single();
    }

    /** The execution's steps: top-level ones first, children by parent and branch index. */
    public List<Step> of(UUID executionId) {
        return jdbc.sql("""
                SELECT id, parent_id, branch_index, status, kind, state_name, run_at, lease_owner, attempt
                FROM step WHERE execution_id = ? ORDER BY parent_id NULLS FIRST, branch_index, id""")
                .param(executionId)
                .query((rs, n) -> new Step(rs.getLong("id"), rs.getObject("parent_id", Long.class),
                        rs.getObject("branch_index", Integer.class), rs.getString("status"), rs.getString("kind"),
                        rs.getString("state_name"), rs.getObject("run_at", Timestamp.class).toInstant(),
                        rs.getString("lease_owner"), rs.getInt("attempt")))
                .list();
    }

    /** The execution's one step; fails when it has none or several. */
    public Step only(UUID executionId) {
        List<Step> steps = of(executionId);
        if (steps.size() != 1) {
            throw new AssertionError("expected exactly one step of execution " + executionId + ", found " + steps);
        }
        return steps.getFirst();
    }

    /** {@code STATUS/KIND} of each of the execution's steps, in the order of {@link #of}. */
    public List<String> statusesOf(UUID executionId) {
        return of(executionId).stream().map(Step::statusAndKind).toList();
    }

    /** The statuses of the execution's child steps (branches, iterations) by branch index. */
    public List<String> childStatusesOf(UUID executionId) {
        return of(executionId).stream().filter(step -> step.parentId() != null).map(Step::status).toList();
    }

    /** The executions that have steps. */
    public Set<UUID> executionIds() {
        return jdbc.sql("SELECT DISTINCT execution_id FROM step").query(UUID.class).stream()
                .collect(Collectors.toSet());
    }

    /**
     * Moves the execution's steps out of the workers' reach, so that what is written to them stays to be
     * seen: into the queue {@code parked}, which is paused (workers serve every queue that is not).
     */
    public void park(UUID executionId) {
        jdbc.sql("INSERT INTO queue (name, paused) VALUES ('parked', true) ON CONFLICT (name) DO UPDATE SET paused = true")
                .update();
        jdbc.sql("UPDATE step SET queue = 'parked' WHERE execution_id = ?").param(executionId).update();
    }

    /** {@code queue/priority} of each of the execution's steps, in the order of {@link #of}. */
    public List<String> placementsOf(UUID executionId) {
        return jdbc.sql("SELECT queue || '/' || priority FROM step WHERE execution_id = ? "
                + "ORDER BY parent_id NULLS FIRST, branch_index, id").param(executionId).query(String.class).list();
    }

    /** Every row with its bookkeeping, for a failure message. */
    public String dump() {
        return jdbc.sql("SELECT id, parent_id, branch_index, status, kind, state_name, pending_children, "
                + "failed_children, run_at, state_data::text FROM step").query().listOfRows().toString();
    }
}
