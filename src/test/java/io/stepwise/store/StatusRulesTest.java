package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every status the statements of db/queries write is one the move table allows (StatusRules). The
 * lists below hold what the SQL text cannot show, each with its reason; keep them short.
 */
class StatusRulesTest {

    /** UPDATEs without a status condition, and the statuses their rows have anyway. */
    static final Map<String, StatusRules.ImpliedGuard> IMPLIED = Map.of(
            "StepRescheduleLeasedMany", new StatusRules.ImpliedGuard(Set.of("RUNNING"),
                    "it matches rows by lease_token, which only a RUNNING step has (CHECK step_lease_when_running); "
                            + "an added status = 'RUNNING' made the planner scan step_lease_expiry_idx per batch"),
            "StepFinishChildrenLeased", new StatusRules.ImpliedGuard(Set.of("RUNNING"),
                    "the same lease_token match as StepRescheduleLeasedMany, for the same reason"));

    /** Moves a guard admits that the table does not list. */
    static final List<StatusRules.ToleratedMove> TOLERATED = List.of(
            new StatusRules.ToleratedMove("ExecutionStop", "PENDING_REDRIVE -> ABORTED",
                    "no statement ever writes PENDING_REDRIVE (Stepwise redrives in one transaction), so this "
                            + "branch of the guard cannot fire; it stays because a stop is meant for any unfinished "
                            + "execution, as isFinished() and StateMachineDeleteUnlessRunning see PENDING_REDRIVE"));

    static final StatusRules RULES = new StatusRules(BoundStatuses.ALLOWED, IMPLIED, TOLERATED);

    /** Rules without any allowances, for the synthetic statements below. */
    static final StatusRules STRICT = new StatusRules(Map.of(), Map.of(), List.of());

    @Test
    void everyStatusWriteOfTheStatementsIsAnAllowedMove() {
        assertThat(RULES.violations(SqlStatements.all())).isEmpty();
    }

    @Test
    void theCheckerSeesTheStatusWritesItShould() {
        // guards against a reader that quietly finds nothing: these are read as writes, with these guards
        var claim = StatusWrites.read("StepClaimReady", SqlStatements.get("StepClaimReady")).orElseThrow();
        assertThat(claim.status()).isEqualTo("RUNNING");
        assertThat(claim.guard()).containsExactly("READY");
        var cancel = StatusWrites.read("StepCancelOfExecution", SqlStatements.get("StepCancelOfExecution"))
                .orElseThrow();
        assertThat(cancel.guard()).containsExactlyInAnyOrder("READY", "RUNNING", "WAITING", "BLOCKED");
        var finish = StatusWrites.read("ExecutionFinishMany", SqlStatements.get("ExecutionFinishMany")).orElseThrow();
        assertThat(finish.bound()).isEqualTo("t.status");
        assertThat(finish.guard()).containsExactly("RUNNING");
        assertThat(StatusWrites.read("StepInsertFirstMany", SqlStatements.get("StepInsertFirstMany")).orElseThrow()
                .status()).isEqualTo("READY");
        assertThat(StatusWrites.read("StepCountChildrenFinished", SqlStatements.get("StepCountChildrenFinished")))
                .as("an UPDATE that does not set status").isEmpty();
    }

    @Test
    void aForbiddenMoveIsReported() {
        assertThat(STRICT.violations(Map.of("Bad",
                "UPDATE step SET status = 'BLOCKED' WHERE id = :id AND status = 'RUNNING' AND lease_token = :t")))
                .containsExactly("Bad moves step.status RUNNING -> BLOCKED, which StepStatus.moves() does not allow");
    }

    @Test
    void aForbiddenMoveFromAnyStatusOfTheGuardIsReported() {
        assertThat(STRICT.violations(Map.of("Bad",
                "UPDATE execution e SET status = 'SUCCEEDED' WHERE e.id = :id AND e.status IN ('RUNNING', 'ABORTED')")))
                .containsExactly(
                        "Bad moves execution.status ABORTED -> SUCCEEDED, which ExecutionStatus.moves() does not allow");
    }

    @Test
    void aWriteWithoutAGuardIsReported() {
        assertThat(STRICT.violations(Map.of("Bad", "UPDATE step SET status = 'READY', run_at = :now WHERE id = :id")))
                .containsExactly("Bad sets step.status to READY with no status condition in its WHERE clause");
    }

    @Test
    void aConditionInASubqueryThatDoesNotLockGuardsNothing() {
        assertThat(STRICT.violations(Map.of("Bad", """
                UPDATE step SET status = 'READY'
                WHERE id IN (SELECT id FROM step WHERE status = 'BLOCKED' LIMIT 1)""")))
                .containsExactly("Bad sets step.status to READY with no status condition in its WHERE clause");
        assertThat(STRICT.violations(Map.of("Good", """
                UPDATE step SET status = 'READY'
                WHERE id IN (SELECT id FROM step WHERE status = 'BLOCKED' LIMIT 1 FOR UPDATE SKIP LOCKED)""")))
                .isEmpty();
    }

    @Test
    void anInsertOfANonInitialStatusIsReported() {
        assertThat(STRICT.violations(Map.of("Bad", """
                INSERT INTO step (execution_id, status, kind) VALUES (:id, 'RUNNING', 'ENTER')""")))
                .containsExactly("Bad inserts step.status RUNNING, which StepStatus.initial() does not list");
    }

    @Test
    void aBoundStatusNeedsItsValuesListedAndChecksThem() {
        String sql = "UPDATE step SET status = :status WHERE id = :id AND status = 'WAITING'";
        assertThat(STRICT.violations(Map.of("Bound", sql)))
                .containsExactly(
                        "Bound sets step.status from :status: list the statuses Java binds there in BoundStatuses");
        var rules = new StatusRules(Map.of("Bound", EnumSet.of(StepStatus.READY, StepStatus.SUCCEEDED)), Map.of(),
                List.of());
        assertThat(rules.violations(Map.of("Bound", sql)))
                .containsExactly("Bound moves step.status WAITING -> SUCCEEDED, which StepStatus.moves() does not allow");
    }

    @Test
    void shapesTheReaderDoesNotKnowFailNamingTheStatement() {
        assertThat(STRICT.violations(Map.of(
                "Case", "UPDATE step SET status = CASE WHEN kind = 'WAIT' THEN 'READY' ELSE 'BLOCKED' END "
                        + "WHERE id = :id AND status = 'CANCELLED'",
                "Or", "UPDATE step SET status = 'READY' WHERE id = :id AND (status = 'WAITING' OR kind = 'WAIT')",
                "Unequal", "UPDATE step SET status = 'CANCELLED' WHERE id = :id AND status <> 'SUCCEEDED'",
                "InCte", "WITH moved AS (UPDATE step SET status = 'READY' WHERE status = 'BLOCKED' RETURNING id) "
                        + "SELECT count(*) FROM moved",
                "NoColumn", "INSERT INTO execution (id, name) VALUES (:id, :name)",
                "Upsert", "INSERT INTO step (id, status) VALUES (:id, 'READY') "
                        + "ON CONFLICT (id) DO UPDATE SET status = 'READY'",
                "OtherTable", "UPDATE step s SET status = 'CANCELLED' FROM execution e "
                        + "WHERE e.id = s.execution_id AND e.status = 'ABORTED' AND s.status = 'READY'")))
                .hasSize(7)
                .allSatisfy(message -> assertThat(message).contains("cannot read its status write"))
                .anySatisfy(message -> assertThat(message).startsWith("Case: "))
                .anySatisfy(message -> assertThat(message).startsWith("Or: "))
                .anySatisfy(message -> assertThat(message).startsWith("Unequal: "))
                .anySatisfy(message -> assertThat(message).startsWith("InCte: "))
                .anySatisfy(message -> assertThat(message).startsWith("NoColumn: "))
                .anySatisfy(message -> assertThat(message).startsWith("Upsert: "))
                .anySatisfy(message -> assertThat(message).startsWith("OtherTable: "));
    }

    @Test
    void anAllowanceThatMatchesNothingIsReported() {
        var rules = new StatusRules(Map.of("Gone", EnumSet.of(StepStatus.READY)),
                Map.of("Guarded", new StatusRules.ImpliedGuard(Set.of("RUNNING"), "stale")),
                List.of(new StatusRules.ToleratedMove("Guarded", "RUNNING -> BLOCKED", "stale")));
        assertThat(rules.violations(Map.of("Guarded", "UPDATE step SET status = 'READY' WHERE status = 'RUNNING'")))
                .containsExactlyInAnyOrder("BoundStatuses lists Gone, which binds no status",
                        "the implied-guard list names Guarded, which needs no entry",
                        "the tolerated-move list names Guarded: RUNNING -> BLOCKED, which it does not make");
    }

    @Test
    void theImpliedRunningGuardRestsOnTheLeaseConstraint() throws Exception {
        assertThat(SqlStatements.get("StepRescheduleLeasedMany")).contains("s.lease_token = t.token");
        assertThat(SqlStatements.get("StepFinishChildrenLeased")).contains("s.lease_token = t.token");
        assertThat(Files.readString(Path.of("db/migration/V1__core_schema.sql")))
                .contains("CHECK ((status = 'RUNNING') = (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL))");
    }
}
