-- Reads and deletes for the state machine API (db/migration/V1__core_schema.sql). Loaded by
-- io.stepwise.store.SqlStatements.

-- name: StateMachinePageLatest
-- One row per state machine, its latest version, in name order after the cursor (keyset on the
-- primary key (namespace, name, version): DISTINCT ON walks it in order and stops after :limit names). The
-- machines generated for jobs ("job:<hash>", a name no user can give) are left out (docs/jobs.md).
SELECT DISTINCT ON (name) name, version, description, created_at
FROM state_machine
WHERE namespace = :namespace AND name > :afterName AND name NOT LIKE 'job:%'
ORDER BY name, version DESC
LIMIT :limit;

-- name: StateMachineDeleteUnlessRunning
-- All versions go at once, unless an execution of the machine is still running or awaiting a redrive
-- (a worker would need its definition). The check and the delete are one statement; the caller
-- tells "in use" from "no such machine" by a second look.
DELETE FROM state_machine
WHERE namespace = :namespace AND name = :name
  AND NOT EXISTS (SELECT 1 FROM execution
                  WHERE namespace = :namespace AND state_machine_name = :name AND status IN ('RUNNING', 'PENDING_REDRIVE'));

-- name: StateMachineExists
SELECT EXISTS (SELECT 1 FROM state_machine WHERE namespace = :namespace AND name = :name);

-- name: ExecutionCountUnfinishedOfMachine
SELECT count(*) FROM execution WHERE namespace = :namespace AND state_machine_name = :name AND status IN ('RUNNING', 'PENDING_REDRIVE');

-- name: NamespacesInUse
-- The namespaces that hold a state machine or an execution, in name order, for the console's namespace
-- switcher. Each table is walked as a loose index scan (one index probe per namespace, on the primary key
-- and on execution_namespace_newest_idx), so the cost follows the number of namespaces, not of rows.
WITH RECURSIVE machines AS (
    (SELECT namespace FROM state_machine ORDER BY namespace LIMIT 1)
    UNION ALL
    SELECT (SELECT s.namespace FROM state_machine s WHERE s.namespace > m.namespace ORDER BY s.namespace LIMIT 1)
    FROM machines m WHERE m.namespace IS NOT NULL
), executions AS (
    (SELECT namespace FROM execution WHERE namespace <> 'default' ORDER BY namespace LIMIT 1)
    UNION ALL
    SELECT (SELECT e.namespace FROM execution e WHERE e.namespace <> 'default' AND e.namespace > x.namespace
            ORDER BY e.namespace LIMIT 1)
    FROM executions x WHERE x.namespace IS NOT NULL
)
SELECT namespace FROM machines WHERE namespace IS NOT NULL
UNION
SELECT namespace FROM executions WHERE namespace IS NOT NULL
ORDER BY namespace
LIMIT :limit;
