-- Reading an execution's live steps for the console (db/migration/V1__core_schema.sql, V3 for BLOCKED).
-- Loaded by io.stepwise.store.SqlStatements. Steps are the queue: a state's events reach history only when
-- the run that went through it commits, so a Task whose handler is still running, or a Map's iterations
-- still in flight, are seen here. Both read through step_execution_idx; nothing here writes.

-- name: StepLiveCounts
-- Steps of one execution by the state they are at, their status and the state of their parent (the Map or
-- Parallel they belong to; NULL at the top level).
SELECT s.state_name, s.status, p.state_name AS parent_state, count(*) AS steps
FROM step s
LEFT JOIN step p ON p.id = s.parent_id
WHERE s.execution_id = :executionId
GROUP BY s.state_name, s.status, p.state_name;

-- name: StepChildrenOfState
-- One page of the children of a Map or Parallel state, by index (branch_index), from :fromIndex.
SELECT c.branch_index, c.status
FROM step c
JOIN step p ON p.id = c.parent_id
WHERE c.execution_id = :executionId
  AND p.state_name = :stateName
  AND c.branch_index >= :fromIndex
ORDER BY c.branch_index
LIMIT :limit;
