-- Listing executions for the API (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.
-- Newest first, keyset pagination on (start_date, id). The caller always binds every bound: no cursor
-- is (infinity, max uuid) and no startedAfter is -infinity, so the row comparison is always an index
-- condition (a ":x IS NULL OR ..." would turn it into a filter under a generic plan).

-- name: ExecutionPageNewest
-- The default namespace: execution_newest_idx (start_date DESC, id DESC), the other namespaces' rows filtered.
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority, namespace
FROM execution
WHERE namespace = 'default'
  AND (start_date, id) < (:beforeStart, :beforeId)
  AND start_date > :startedAfter
  AND (CAST(:status AS text) IS NULL OR status = :status)
ORDER BY start_date DESC, id DESC
LIMIT :limit;

-- name: ExecutionPageNewestOfMachine
-- execution_machine_newest_idx (state_machine_name, start_date DESC, id DESC); a machine name shared by
-- namespaces filters the other namespaces' rows
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority, namespace
FROM execution
WHERE state_machine_name = :stateMachine AND namespace = :namespace
  AND (start_date, id) < (:beforeStart, :beforeId)
  AND start_date > :startedAfter
  AND (CAST(:status AS text) IS NULL OR status = :status)
ORDER BY start_date DESC, id DESC
LIMIT :limit;

-- name: ExecutionPageNewestInNamespace
-- Another namespace than the default: execution_namespace_newest_idx (namespace, start_date DESC, id DESC),
-- partial on namespace <> 'default', which this WHERE repeats so that a generic plan may use it.
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority, namespace
FROM execution
WHERE namespace <> 'default' AND namespace = :namespace
  AND (start_date, id) < (:beforeStart, :beforeId)
  AND start_date > :startedAfter
  AND (CAST(:status AS text) IS NULL OR status = :status)
ORDER BY start_date DESC, id DESC
LIMIT :limit;
