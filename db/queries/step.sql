-- Statements on step (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: StepInsert
INSERT INTO step (execution_id, parent_id, branch_index, queue, priority, status, state_name, input, state_data, run_at, created_at)
VALUES (:executionId, :parentId, :branchIndex, :queue, :priority, 'READY', :stateName, CAST(:input AS jsonb),
        CAST(:stateData AS jsonb), :runAt, :now);

-- name: StepClaimReady
-- Locks up to :limit due READY steps without waiting on rows other workers hold, and leases them in
-- the same statement. WHERE and ORDER BY match step_ready_idx column for column.
WITH claimable AS (
    SELECT id FROM step
    WHERE status = 'READY' AND queue = :queue AND run_at <= :now
    ORDER BY priority DESC, run_at, id
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE step s
SET status = 'RUNNING', attempt = s.attempt + 1, lease_owner = :owner, lease_token = gen_random_uuid(),
    lease_expires_at = :leaseExpiresAt
FROM claimable c
WHERE s.id = c.id
RETURNING s.id, s.execution_id, s.parent_id, s.branch_index, s.state_name, s.input::text AS input,
          s.state_data::text AS state_data, s.attempt, s.lease_token;

-- name: StepDeleteLeased
-- Completion guard: only the holder of the current lease may finish a step, exactly once.
DELETE FROM step WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;
