-- Statements on activity (db/migration/V9__activities_and_task_tokens.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: ActivityCreate
-- Idempotent: a second create of the same name changes nothing and says so (no row returned).
INSERT INTO activity (namespace, name, created_at) VALUES (:namespace, :name, :now)
ON CONFLICT (namespace, name) DO NOTHING
RETURNING name, created_at;

-- name: ActivityByName
SELECT name, created_at FROM activity WHERE namespace = :namespace AND name = :name;

-- name: ActivityList
SELECT a.name, a.created_at,
       (SELECT count(*) FROM task_token t
        WHERE t.namespace = a.namespace AND t.activity = a.name AND t.status = 'OPEN' AND t.polled_at IS NULL) AS waiting
FROM activity a WHERE a.namespace = :namespace ORDER BY a.name;

-- name: ActivityDelete
DELETE FROM activity WHERE namespace = :namespace AND name = :name;
