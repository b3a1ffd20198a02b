-- Statements on execution (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: ExecutionInsertMany
-- A batch of starts in one statement. An execution with the same (state machine, name) already there
-- (or earlier in the same batch) is not inserted; RETURNING says which were new, and the caller reads
-- the existing one to decide between "same start again" and "conflict".
-- Rows go in (namespace, machine, name) order, so two batches that share names lock them in the same order and
-- cannot deadlock (across replicas, or startAll beside the starter thread); within one name, request
-- order decides which start is the new one.
-- :traceparents is NULL while tracing is off: unnest pads a shorter (here empty) array with NULLs.
-- :queues and :priorities likewise when every start of the batch takes the default queue and priority, and
-- :namespaces when every start is in the default namespace.
INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date, timeout_at,
                       traceparent, queue, priority, namespace)
SELECT t.id, t.machine, t.version, t.name, 'RUNNING', CAST(t.input AS json), :now, t.timeout_at, t.traceparent,
       COALESCE(t.queue, 'default'), COALESCE(t.priority, 0), COALESCE(t.namespace, 'default')
FROM unnest(CAST(:ids AS uuid[]), CAST(:machines AS text[]), CAST(:versions AS integer[]), CAST(:names AS text[]),
            string_to_array(CAST(:inputs AS text), E'\x1e', E'\x1f'), CAST(:timeoutAts AS timestamptz[]),
            CAST(:traceparents AS text[]), CAST(:queues AS text[]), CAST(:priorities AS smallint[]),
            CAST(:namespaces AS text[])) WITH ORDINALITY
     AS t(id, machine, version, name, input, timeout_at, traceparent, queue, priority, namespace, n)
ORDER BY t.namespace, t.machine, t.name, t.n
ON CONFLICT (namespace, state_machine_name, name) DO NOTHING
RETURNING id;

-- name: ExecutionById
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority, namespace
FROM execution WHERE id = :id;

-- name: ExecutionByName
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority, namespace
FROM execution WHERE namespace = :namespace AND state_machine_name = :stateMachineName AND name = :name;

-- name: ExecutionFinish
-- Only a running execution can end; a stopped one ignores a late finish.
UPDATE execution
SET status = :status, output = CAST(:output AS json), error = :error, cause = :cause, stop_date = :now,
    timeout_at = NULL
WHERE id = :id AND status = 'RUNNING';

-- name: ExecutionTimeOutDue
-- The top-level TimeoutSeconds: overdue running executions end as TIMED_OUT (execution_timeout_idx).
UPDATE execution
SET status = 'TIMED_OUT', error = 'States.Timeout', cause = 'The execution ran longer than its TimeoutSeconds.',
    stop_date = :now, timeout_at = NULL
WHERE id IN (SELECT id FROM execution WHERE timeout_at IS NOT NULL AND timeout_at <= :now AND status = 'RUNNING'
             ORDER BY timeout_at LIMIT :limit FOR UPDATE SKIP LOCKED)
RETURNING id;

-- name: ExecutionStop
UPDATE execution
SET status = 'ABORTED', error = :error, cause = :cause, stop_date = :now, timeout_at = NULL
WHERE id = :id AND status IN ('RUNNING', 'PENDING_REDRIVE');

-- name: ExecutionRedrive
-- A FAILED, TIMED_OUT or ABORTED execution runs again from where it stopped; its timeout restarts.
UPDATE execution
SET status = 'RUNNING', output = NULL, error = NULL, cause = NULL, stop_date = NULL,
    redrive_count = redrive_count + 1, redrive_date = :now,
    timeout_at = :timeoutAt
WHERE id = :id AND status IN ('FAILED', 'TIMED_OUT', 'ABORTED');

-- name: ExecutionPruneFinished
-- Retention: finished executions older than the cutoff go, a bounded batch at a time so the delete never
-- holds many locks or bloats the tables in one go. Their history, kept steps and job rows go with them
-- (job rows have no foreign key to cascade from: V22).
WITH doomed AS (
    SELECT id FROM execution
    WHERE start_date < :cutoff AND stop_date < :cutoff AND status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED')
    ORDER BY start_date, id LIMIT :limit
    FOR UPDATE SKIP LOCKED
), history_gone AS (
    DELETE FROM history h USING doomed d WHERE h.execution_id = d.id
), steps_gone AS (
    DELETE FROM step s USING doomed d WHERE s.execution_id = d.id
), jobs_gone AS (
    DELETE FROM job j USING doomed d WHERE j.execution_id = d.id
)
DELETE FROM execution e USING doomed d WHERE e.id = d.id
RETURNING e.id;

-- name: ExecutionFinishMany
-- ExecutionFinish for a whole batch of completions in one statement: a nested loop over the batch
-- with one primary-key lookup per row. (An extra `e.id = ANY(:ids)` once turned it into a nested loop
-- comparing every pair, quadratic in the batch: 73 ms per 504 rows with 1M finished executions kept.)
UPDATE execution e
SET status = t.status, output = CAST(t.output AS json), error = t.error, cause = t.cause, stop_date = :now,
    timeout_at = NULL
FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), string_to_array(CAST(:outputs AS text), E'\x1e', E'\x1f'), CAST(:errors AS text[]),
            CAST(:causes AS text[])) AS t(id, status, output, error, cause)
WHERE e.id = t.id AND e.status = 'RUNNING';

-- name: ExecutionLockRunning
-- Completions lock their executions first (shared: completions of one execution do not block each
-- other), in id order. Stop and timeout lock the execution row first too, so the two never deadlock,
-- and a stop that committed first makes every later completion of that execution refuse itself.
SELECT id FROM execution WHERE id = ANY(:ids) AND status = 'RUNNING' ORDER BY id FOR SHARE;

-- name: ExecutionInputs
-- The inputs of executions whose Parallel/Map children a claim took (store.ExecutionInputs): the claim
-- itself sends the input only with top-level steps.
SELECT id, input::text AS input FROM execution WHERE id = ANY(:ids);
