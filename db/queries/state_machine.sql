-- Statements on state_machine (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: StateMachineLatest
SELECT name, version, definition::text AS definition, description, created_at
FROM state_machine WHERE namespace = :namespace AND name = :name ORDER BY version DESC LIMIT 1;

-- name: StateMachineVersion
SELECT name, version, definition::text AS definition, description, created_at
FROM state_machine WHERE namespace = :namespace AND name = :name AND version = :version;

-- name: StateMachineLatestVersions
-- The latest version of each named machine, without its definition (starts take the parsed one from
-- the cache; created_at tells a recreated machine's version 1 from the old one).
SELECT DISTINCT ON (name) name, version, created_at FROM state_machine
WHERE namespace = :namespace AND name = ANY(CAST(:names AS text[])) ORDER BY name, version DESC;

-- name: StateMachineVersionsExist
SELECT s.name, s.version, s.created_at FROM state_machine s
JOIN unnest(CAST(:names AS text[]), CAST(:versions AS integer[])) AS t(name, version)
  ON s.namespace = :namespace AND s.name = t.name AND s.version = t.version;

-- name: StateMachineInsertNextVersion
-- The version is computed in the same statement; the primary key turns a concurrent duplicate into a
-- unique violation that the caller retries. After a DELETE the numbering goes on above the versions its
-- kept executions ran on (looked at only then: COALESCE is lazy), so (name, version) never names two
-- definitions and workers' parsed-version caches stay right.
INSERT INTO state_machine (namespace, name, version, definition, description, created_at)
SELECT :namespace, :name, coalesce(max(version),
                       (SELECT max(state_machine_version) FROM execution
                        WHERE namespace = :namespace AND state_machine_name = :name), 0) + 1,
       CAST(:definition AS json), :description, :now
FROM state_machine WHERE namespace = :namespace AND name = :name
RETURNING name, version, definition::text AS definition, description, created_at;
