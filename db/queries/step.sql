-- Statements on step (db/migration/V1__core_schema.sql, V3__durable_steps.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: StepInsertChildren
-- A Parallel's or Map's children in one statement, on the parent's queue with its priority, each READY or
-- BLOCKED beyond MaxConcurrency (:statuses, from FanIn.startStatus). One INSERT per child made a
-- 100,000-item Map 100,000 round trips inside the fan-out's transaction.
INSERT INTO step (execution_id, parent_id, branch_index, queue, priority, status, kind, state_name, input, state_data,
                  run_at, created_at)
SELECT :executionId, :parentId, t.branch_index, :queue, :priority, t.status, 'ENTER', t.state_name,
       CAST(t.input AS json), CAST(t.state_data AS json), :runAt, :now
FROM unnest(CAST(:branchIndexes AS int[]), CAST(:statuses AS text[]), CAST(:stateNames AS text[]),
            string_to_array(CAST(:inputs AS text), E'\x1e', E'\x1f'),
            string_to_array(CAST(:stateData AS text), E'\x1e', E'\x1f')) WITH ORDINALITY
     AS t(branch_index, status, state_name, input, state_data, n)
ORDER BY t.n;

-- name: StepInsertFirstMany
-- The first step of each execution of a batch of starts: READY, entering its StartAt now, on the
-- execution's queue with its priority (:queues and :priorities NULL when all are the defaults: unnest
-- pads them with NULLs, so a batch of default starts binds nothing more).
INSERT INTO step (execution_id, queue, priority, status, kind, state_name, input, run_at, created_at)
SELECT t.id, COALESCE(t.queue, 'default'), COALESCE(t.priority, 0), 'READY', 'ENTER', t.state_name,
       CAST(t.input AS json), :now, :now
FROM unnest(CAST(:ids AS uuid[]), CAST(:stateNames AS text[]), string_to_array(CAST(:inputs AS text), E'\x1e', E'\x1f'),
            CAST(:queues AS text[]), CAST(:priorities AS smallint[])) WITH ORDINALITY
     AS t(id, state_name, input, queue, priority, n)
ORDER BY t.n;

-- name: StepNextReady
-- When the next READY step of these queues falls due, in the claim's order (step_ready_idx, first entry
-- of each queue): an idle poller sleeps until then instead of a whole poll interval, so timers fire on
-- time. Within the highest priority present this is the earliest run_at; lower priorities wait for the
-- next poll. No row when the queues are empty.
SELECT n.run_at
FROM unnest(CAST(:queues AS text[])) AS q(name),
     LATERAL (SELECT run_at FROM step WHERE status = 'READY' AND queue = q.name
              ORDER BY priority DESC, run_at, id LIMIT 1) AS n
ORDER BY n.run_at
LIMIT 1;

-- name: StepReadyQueues
-- The queues that have READY steps (due or not): a loose index scan of step_ready_idx, one descent per
-- queue, so a poller serving every queue finds new ones without a scan of the backlog.
WITH RECURSIVE q(queue) AS (
    (SELECT queue FROM step WHERE status = 'READY' ORDER BY queue LIMIT 1)
    UNION ALL
    SELECT (SELECT s.queue FROM step s WHERE s.status = 'READY' AND s.queue > q.queue ORDER BY s.queue LIMIT 1)
    FROM q WHERE q.queue IS NOT NULL
)
SELECT queue FROM q WHERE queue IS NOT NULL;

-- name: StepClaimReady
-- Locks up to :limit due READY steps without waiting on rows other workers hold, and leases them in
-- the same statement. WHERE and ORDER BY match step_ready_idx column for column. The execution's
-- columns come along so the worker needs no second query to build the context object (or, with
-- tracing on, to continue the execution's trace). The execution's input comes only with top-level steps: a
-- Map's input holds every item, and sent (and parsed) with each of its children it made every iteration
-- cost as much as the whole Map; children take it from store.ExecutionInputs.
-- The ids go through `= ANY(ARRAY(...))` rather than a join with a CTE: with a join the planner may
-- estimate the CTE at the whole LIMIT and hash-join it against a sequential scan of step (48 ms for
-- 1,024 rows over a 100,000-step backlog); an array of ids is always one primary-key lookup each.
-- A queue the catalog limits (paused, a concurrency or a rate) is claimed here only with :underLock,
-- in the transaction that holds the queue's row (QueueTakeForClaim) and with :limit the allowance it
-- computed; the NOT EXISTS (one primary-key lookup, evaluated once) keeps every other claim off such a
-- queue, even when the poller's view of the catalog is stale. :dueBy is a moment ahead of now
-- (stepwise.worker.timer-lookahead): a step due within it is claimed early and its runner waits for
-- the due time, so a timer does not wait for the poller's wake-up and claim as well.
-- :leaseToken is one random token for every step this statement claims: each guard matches a step's id
-- and its token together, so a token need only differ between the leases of one step, and a new one per
-- claiming statement does. gen_random_uuid() per row cost 2.5 µs of PostgreSQL's CPU per claimed step
-- (1,024 rows: 18.2–21.1 ms against 14.8–15.8, docs/performance.md).
UPDATE step s
SET status = 'RUNNING', attempt = s.attempt + 1, lease_owner = :owner, lease_token = :leaseToken,
    lease_expires_at = :leaseExpiresAt
FROM execution e
WHERE s.id = ANY(ARRAY(
        SELECT id FROM step
        WHERE status = 'READY' AND queue = :queue AND run_at <= :dueBy
          AND NOT EXISTS (SELECT 1 FROM queue q WHERE q.name = :queue AND q.limited AND NOT CAST(:underLock AS boolean))
        ORDER BY priority DESC, run_at, id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED))
  AND e.id = s.execution_id
RETURNING s.id, s.execution_id, s.parent_id, s.branch_index, s.kind, s.state_name, s.input::text AS input,
          s.state_data::text AS state_data, s.attempt, s.lease_token,
          e.name AS execution_name, e.state_machine_name, e.state_machine_version,
          CASE WHEN s.parent_id IS NULL THEN e.input::text END AS execution_input,
          e.start_date, e.redrive_count, e.traceparent, s.run_at, s.queue, s.priority, e.namespace;

-- name: StepDeleteLeased
-- Completion guard: only the holder of the current lease may finish a step, exactly once.
DELETE FROM step WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;

-- name: StepRescheduleLeased
-- The same guard; the step waits again (a retry backoff, a Wait, a yield) in the same row.
UPDATE step
SET status = 'READY', kind = :kind, state_name = :stateName, input = CAST(:input AS json),
    state_data = CAST(:stateData AS json), run_at = :runAt, lease_owner = NULL, lease_token = NULL,
    lease_expires_at = NULL
WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;

-- name: StepWaitForChildren
-- The same guard; a Parallel/Map step waits for its children to finish.
UPDATE step
SET status = 'WAITING', kind = 'FAN_IN', state_name = :stateName, input = CAST(:input AS json),
    state_data = CAST(:stateData AS json), pending_children = :children,
    failed_children = 0, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;

-- name: StepFinishChildrenLeased
-- Children that ended without a failure point keep their results for the parent's join: a whole batch
-- in one statement, each row guarded by its lease as in StepDeleteLeasedMany (and, like it, without
-- `status = 'RUNNING'`: a lease token exists only on a RUNNING row). Failed children with a failure point
-- go through StepFailLeased, which keeps where they failed for a redrive.
UPDATE step s
SET status = t.status, output = CAST(t.output AS json), error = t.error, cause = t.cause, lease_owner = NULL,
    lease_token = NULL, lease_expires_at = NULL
FROM unnest(CAST(:ids AS bigint[]), CAST(:tokens AS uuid[]), CAST(:statuses AS text[]),
            string_to_array(CAST(:outputs AS text), E'\x1e', E'\x1f'), CAST(:errors AS text[]),
            CAST(:causes AS text[])) AS t(id, token, status, output, error, cause)
WHERE s.id = t.id AND s.lease_token = t.token
RETURNING s.id;

-- name: StepCountChildrenFinished
-- Children of these parents ended (:finished of each, :failed of them failed) in this transaction: one
-- update of each parent per batch, not one per child. The parent row's lock serialises the batches of
-- all replicas, so the counts are exact; the ids come sorted, so two batches lock shared parents in the
-- same order (a deadlock would only cost a re-try item by item). The parent's checkpoint (the whole
-- fan-out, every item's input) is read only when a child failed: only then does the tolerance decide.
UPDATE step s
SET pending_children = s.pending_children - t.finished, failed_children = s.failed_children + t.failed
FROM unnest(CAST(:parentIds AS bigint[]), CAST(:finished AS int[]), CAST(:failed AS int[]))
     AS t(id, finished, failed)
WHERE s.id = t.id AND s.status = 'WAITING'
RETURNING s.id, s.pending_children, s.failed_children,
          CASE WHEN t.failed > 0 THEN s.state_data::text END AS state_data;

-- name: StepPromoteBlockedChildren
-- MaxConcurrency across replicas: for each parent, as many BLOCKED children as ended, first in branch
-- order (step_blocked_idx: one probe per parent, finished siblings are not in that index). Run under
-- the parents' row locks (StepCountChildrenFinished), so concurrent batches promote different children.
UPDATE step SET status = 'READY', run_at = :now
WHERE id = ANY(ARRAY(
        SELECT b.id
        FROM unnest(CAST(:parentIds AS bigint[]), CAST(:counts AS int[])) AS t(parent_id, n),
             LATERAL (SELECT id FROM step WHERE parent_id = t.parent_id AND status = 'BLOCKED'
                      ORDER BY branch_index LIMIT t.n) AS b))
  AND status = 'BLOCKED';

-- name: StepCancelUnfinishedChildren
-- A failure beyond tolerance stops the parent's whole subtree (nested Parallel/Map included). Running
-- children notice at completion: their lease guard no longer matches.
WITH RECURSIVE subtree AS (
    SELECT id FROM step WHERE parent_id = :parentId
    UNION ALL
    SELECT s.id FROM step s JOIN subtree t ON s.parent_id = t.id
)
UPDATE step SET status = 'CANCELLED', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
WHERE id IN (SELECT id FROM subtree) AND status IN ('READY', 'BLOCKED', 'RUNNING', 'WAITING');

-- name: StepWakeParents
UPDATE step SET status = 'READY', run_at = :now WHERE id = ANY(:parentIds) AND status = 'WAITING';

-- name: StepChildResults
SELECT branch_index, status, output::text AS output, error, cause FROM step
WHERE parent_id = :parentId ORDER BY branch_index;

-- name: StepDeleteChildren
-- A join (or a retry, or a Catch) consumed the children: the whole subtree goes.
WITH RECURSIVE subtree AS (
    SELECT id FROM step WHERE parent_id = :parentId
    UNION ALL
    SELECT s.id FROM step s JOIN subtree t ON s.parent_id = t.id
)
DELETE FROM step WHERE id IN (SELECT id FROM subtree);

-- name: StepRescueExpired
-- Steps whose worker vanished (its lease ran out) become claimable again; their handlers run again.
UPDATE step SET status = 'READY', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, run_at = :now
WHERE id IN (SELECT id FROM step WHERE status = 'RUNNING' AND lease_expires_at < :now
             ORDER BY lease_expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
RETURNING id, execution_id;

-- name: StepReleaseLeased
-- A stopping replica gives a step back untouched, for another replica to run.
UPDATE step SET status = 'READY', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;

-- name: StepRenewLeases
-- One statement renews every lease a replica holds, so heartbeats never write per step. Rows a
-- completion has locked are skipped rather than waited for (waiting deadlocked with batched
-- completions that lock the same rows in another order); StepStillHeld tells those apart from gone ones.
UPDATE step SET lease_expires_at = :leaseExpiresAt
WHERE id IN (SELECT id FROM step WHERE id = ANY(:ids) AND status = 'RUNNING' AND lease_owner = :owner
             ORDER BY id FOR UPDATE SKIP LOCKED)
RETURNING id;

-- name: StepStillHeld
-- Which of these steps are still leased by the owner (a plain read: it never waits on a lock).
SELECT id FROM step WHERE id = ANY(:ids) AND status = 'RUNNING' AND lease_owner = :owner;

-- name: StepFailLeased
-- The lease guard again; the frame failed at state_name with input. The row stays, FAILED, so a
-- redrive can resume it there (and a failed Parallel/Map keeps its children for the same reason).
UPDATE step
SET status = 'FAILED', kind = :kind, state_name = :stateName, input = CAST(:input AS json),
    state_data = CAST(:stateData AS json), error = :error, cause = :cause, lease_owner = NULL, lease_token = NULL,
    lease_expires_at = NULL
WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;

-- name: StepCancelOfExecution
-- Stop and timeout: nothing of the execution may run on, but a redrive can resume what was cut off.
UPDATE step SET status = 'CANCELLED', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
WHERE execution_id = ANY(:executionIds) AND status IN ('READY', 'RUNNING', 'WAITING', 'BLOCKED');

-- name: StepTreeOfExecution
SELECT id, parent_id, branch_index, status, kind, state_data::text AS state_data FROM step
WHERE execution_id = :executionId ORDER BY id;

-- name: StepRevive
-- Redrive: a failed or cut-off step becomes READY, WAITING (for revived children) or BLOCKED again.
-- A cut-off Wait keeps its end: redriving it must not skip the rest of the wait. A cut-off wait for a
-- task token runs its task again (its token was cancelled with the stop).
UPDATE step
SET status = :status, kind = CASE WHEN kind = 'CALLBACK' THEN 'TASK' ELSE kind END, run_at = CASE WHEN kind = 'WAIT' THEN GREATEST(run_at, :now) ELSE :now END, pending_children = :pending, failed_children = 0, error = NULL, cause = NULL,
    lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
WHERE id = :id AND status IN ('FAILED', 'CANCELLED');

-- name: StepDeleteLeasedMany
-- StepDeleteLeased for a whole batch of completions in one statement (lease-guarded per row).
-- No `status = 'RUNNING'` here: a lease token exists only on a RUNNING row (step_lease_when_running),
-- and with that predicate the planner scanned every running step through step_lease_expiry_idx (now step_running_idx), dead
-- entries included, on each batch: 31 ms per batch of 255 by the end of a 1024-slot drain. Without it
-- the plan is one primary-key lookup per row of the batch (see also ExecutionFinishMany).
DELETE FROM step s
USING unnest(CAST(:ids AS bigint[]), CAST(:tokens AS uuid[])) AS t(id, token)
WHERE s.id = t.id AND s.lease_token = t.token
RETURNING s.id;

-- name: StepRescheduleLeasedMany
-- StepRescheduleLeased for a whole batch in one statement (the guard and the plan as in StepDeleteLeasedMany).
UPDATE step s
SET status = 'READY', kind = t.kind, state_name = t.state_name, input = CAST(t.input AS json),
    state_data = CAST(t.state_data AS json), run_at = t.run_at, lease_owner = NULL, lease_token = NULL,
    lease_expires_at = NULL
FROM unnest(CAST(:ids AS bigint[]), CAST(:tokens AS uuid[]), CAST(:kinds AS text[]), CAST(:stateNames AS text[]),
            string_to_array(CAST(:inputs AS text), E'\x1e', E'\x1f'), string_to_array(CAST(:stateData AS text), E'\x1e', E'\x1f'), CAST(:runAts AS timestamptz[]))
     AS t(id, token, kind, state_name, input, state_data, run_at)
WHERE s.id = t.id AND s.lease_token = t.token
RETURNING s.id;

-- name: StepAwaitAnswerLeased
-- The lease guard again; the step's Task waits for the answer to its task token, off the ready index,
-- until run_at (its first deadline) at the latest.
UPDATE step
SET status = 'WAITING', kind = 'CALLBACK', state_name = :stateName, input = CAST(:input AS json),
    state_data = CAST(:stateData AS json), run_at = :runAt, lease_owner = NULL, lease_token = NULL,
    lease_expires_at = NULL
WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;

-- name: StepWakeCallback
-- The answer came (or a deadline passed as it was given): the waiting CALLBACK step runs now. A step a
-- worker holds right now is left alone: the worker reads the token row under lock after this commits.
UPDATE step SET status = 'READY', run_at = :now
WHERE id = :stepId AND status = 'WAITING' AND kind = 'CALLBACK';

-- name: StepCallbackDeadline
-- A deadline moved closer (an activity's heartbeat clock started at its poll).
UPDATE step SET run_at = :runAt
WHERE id = :stepId AND status = 'WAITING' AND kind = 'CALLBACK' AND run_at > :runAt;

-- name: StepCallbacksDue
-- Waiting CALLBACK steps whose deadline came: READY, for a worker to decide under the token's lock
-- (step_callback_due_idx). SKIP LOCKED: an answer waking the same step wins without a wait.
UPDATE step SET status = 'READY'
WHERE id = ANY(ARRAY(
        SELECT id FROM step
        WHERE status = 'WAITING' AND kind = 'CALLBACK' AND run_at <= :now
        ORDER BY run_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED));

-- name: StepAwaitAgainLeased
-- A claimed CALLBACK step whose answer has not come and whose deadline moved (a heartbeat): it waits
-- again until the new deadline, under the lease guard.
UPDATE step SET status = 'WAITING', run_at = :runAt, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
WHERE id = :id AND status = 'RUNNING' AND lease_token = :leaseToken;
