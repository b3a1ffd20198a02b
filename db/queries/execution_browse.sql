-- Listing executions for the API (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.
-- Newest first, keyset pagination on (start_date, id). The caller always binds every bound: no cursor
-- is (infinity, max uuid) and no startedAfter is -infinity, so the row comparison is always an index
-- condition (a ":x IS NULL OR ..." would turn it into a filter under a generic plan).

-- name: ExecutionPageNewest
-- execution_newest_idx (start_date DESC, id DESC)
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority
FROM execution
WHERE (start_date, id) < (:beforeStart, :beforeId)
  AND start_date > :startedAfter
  AND (CAST(:status AS text) IS NULL OR status = :status)
ORDER BY start_date DESC, id DESC
LIMIT :limit;

-- name: ExecutionPageNewestOfMachine
-- execution_machine_newest_idx (state_machine_name, start_date DESC, id DESC)
SELECT id, state_machine_name, state_machine_version, name, status, input::text AS input,
       output::text AS output, error, cause, start_date, stop_date, redrive_count, redrive_date, queue, priority
FROM execution
WHERE state_machine_name = :stateMachine
  AND (start_date, id) < (:beforeStart, :beforeId)
  AND start_date > :startedAfter
  AND (CAST(:status AS text) IS NULL OR status = :status)
ORDER BY start_date DESC, id DESC
LIMIT :limit;
