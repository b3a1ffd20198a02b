-- Statements on task_token (db/migration/V9__activities_and_task_tokens.sql): Task attempts that wait
-- for an answer. Loaded by io.stepwise.store.SqlStatements.

-- name: TaskTokenSecret
SELECT secret FROM task_token_secret WHERE id = 1;

-- name: TaskTokenOpen
-- A `.waitForTaskToken` attempt, before its handler runs: the handler may pass the token on, and an
-- answer may come back before the step has committed its wait. A re-run of the attempt finds its row.
INSERT INTO task_token (token_hash, attempt_key, execution_id, step_id, created_at, timeout_at, namespace)
VALUES (:tokenHash, :attemptKey, :executionId, :stepId, :now, :timeoutAt, :namespace)
ON CONFLICT (attempt_key) DO NOTHING;

-- name: TaskTokenAwait
-- The step now waits (in the same transaction): the attempt's row with its deadlines. The upsert locks
-- the row, so an answer being written concurrently is either seen here (status) or sees the step waiting.
INSERT INTO task_token (token_hash, attempt_key, execution_id, step_id, activity, input, created_at, timeout_at,
                        heartbeat_seconds, heartbeat_at, namespace)
VALUES (:tokenHash, :attemptKey, :executionId, :stepId, :activity, CAST(:input AS json), :now, :timeoutAt,
        :heartbeatSeconds, :heartbeatAt, :namespace)
ON CONFLICT (attempt_key) DO UPDATE
SET heartbeat_seconds = excluded.heartbeat_seconds, heartbeat_at = excluded.heartbeat_at,
    timeout_at = COALESCE(task_token.timeout_at, excluded.timeout_at)
RETURNING status;

-- name: TaskTokenLockByAttempt
-- A claimed CALLBACK step reads its attempt's row under lock: answered, timed out, or still open.
SELECT status, output::text AS output, error, cause, timeout_at, heartbeat_at, created_at FROM task_token
WHERE attempt_key = :attemptKey
FOR UPDATE;

-- name: TaskTokenTimeOut
UPDATE task_token SET status = 'TIMED_OUT', error = :error, answered_at = :now
WHERE attempt_key = :attemptKey AND status = 'OPEN';

-- name: TaskTokenLockByHash
-- An answer: the row (its namespace must be the answer's) and, for the attempt to be still alive, its step (not cut off by a stop, a
-- timeout or a failed sibling branch).
SELECT t.status, t.attempt_key, t.step_id, t.execution_id, t.timeout_at, t.heartbeat_seconds, t.heartbeat_at, t.polled_at,
       t.activity, t.namespace, s.status AS step_status
FROM task_token t LEFT JOIN step s ON s.id = t.step_id
WHERE t.token_hash = :tokenHash
FOR UPDATE OF t;

-- name: TaskTokenAnswer
UPDATE task_token
SET status = :status, output = CAST(:output AS json), error = :error, cause = :cause, answered_at = :now
WHERE token_hash = :tokenHash AND status = 'OPEN';

-- name: TaskTokenCancel
UPDATE task_token SET status = 'CANCELLED', answered_at = :now WHERE token_hash = :tokenHash AND status = 'OPEN';

-- name: TaskTokenHeartbeat
UPDATE task_token SET heartbeat_at = :heartbeatAt WHERE token_hash = :tokenHash AND status = 'OPEN';

-- name: TaskTokenCancelOfExecutions
-- Stop, timeout and redrive: a later answer to the execution's outstanding tokens is refused.
UPDATE task_token SET status = 'CANCELLED', answered_at = clock_timestamp()
WHERE execution_id = ANY(:executionIds) AND status = 'OPEN';

-- name: TaskTokenPoll
-- Hands the oldest unclaimed task of a namespace's activity to exactly one poller (SKIP LOCKED); its heartbeat
-- clock starts now.
UPDATE task_token t
SET polled_at = :now, worker_name = :workerName,
    heartbeat_at = CASE WHEN t.heartbeat_seconds IS NULL THEN NULL
                        ELSE CAST(:now AS timestamptz) + t.heartbeat_seconds * interval '1 second' END
WHERE t.token_hash = (
        SELECT token_hash FROM task_token
        WHERE namespace = :namespace AND activity = :activity AND status = 'OPEN' AND polled_at IS NULL
        ORDER BY created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
RETURNING t.attempt_key, t.input::text AS input, t.step_id, t.heartbeat_at;
