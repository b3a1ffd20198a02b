-- Statements on jobs (db/migration/V13__jobs.sql, V18: per namespace). Loaded by io.stepwise.store.SqlStatements.

-- name: JobSubmitMany
-- A batch of jobs through the function SQL callers reach too (stepwise.submit_jobs, V17), so both write
-- the same rows: one statement per batch. A created job comes back as it was created, so the caller
-- answers without reading it again. :traceparents is empty while tracing is off, :namespaces when every job is
-- in the default namespace (unnest pads them with NULLs).
SELECT s.n, s.job_id, s.created, s.state_machine, s.queue, s.priority, s.payload::text AS payload, s.run_at, s.status
FROM stepwise.submit_jobs(CAST(:now AS timestamptz), CAST(:types AS text[]),
                          CAST(string_to_array(CAST(:payloads AS text), E'\x1e', E'\x1f') AS json[]),
                          CAST(:queues AS text[]), CAST(:priorities AS integer[]), CAST(:runAts AS timestamptz[]),
                          CAST(:uniqueKeys AS text[]), CAST(:uniqueFors AS integer[]), CAST(:maxAttempts AS integer[]),
                          CAST(:initialSeconds AS integer[]), CAST(:rates AS numeric[]), CAST(:maxSeconds AS integer[]),
                          CAST(:jitters AS text[]), CAST(:timeouts AS integer[]), CAST(:traceparents AS text[]),
                          CAST(:namespaces AS text[])) s;

-- name: JobDefinitionText
-- The definition a shape's jobs run (for the API to validate before the first job of a shape).
SELECT stepwise.job_definition_text(:type, CAST(:maxAttempts AS integer), CAST(:initialSeconds AS integer),
                                    CAST(:rate AS numeric), CAST(:maxSeconds AS integer), CAST(:jitter AS text),
                                    CAST(:timeout AS integer));

-- name: JobsByIds
-- The jobs of these ids in :namespace (NULL: in any, for the holders of keys a batch found taken).
SELECT v.id, v.type, v.queue, v.priority, v.attempt, v.payload::text AS payload, v.output::text AS output, v.error,
       v.cause, v.created_at, v.run_at, v.finished_at, v.unique_key,
       stepwise.job_status(v.execution_status, v.step_status, v.step_attempt, v.step_run_at, :now) AS status
FROM stepwise.jobs v
WHERE v.id = ANY(CAST(:ids AS uuid[])) AND (CAST(:namespace AS text) IS NULL OR v.namespace = :namespace)
ORDER BY v.id DESC;

-- name: JobPage
-- The default namespace's jobs newest first (the primary key backwards: ids are UUIDv7) after :after, with
-- the optional queue and status filters (NULL: any), which are read off each job as the walk goes (as is
-- the namespace: other namespaces' jobs are skipped).
SELECT * FROM (
    SELECT v.id, v.type, v.queue, v.priority, v.attempt, v.payload::text AS payload, v.output::text AS output,
           v.error, v.cause, v.created_at, v.run_at, v.finished_at, v.unique_key,
           stepwise.job_status(v.execution_status, v.step_status, v.step_attempt, v.step_run_at, :now) AS status
    FROM stepwise.jobs v
    WHERE v.namespace = 'default' AND v.id < :after
    ORDER BY v.id DESC
) page
WHERE (CAST(:queue AS text) IS NULL OR page.queue = :queue)
  AND (CAST(:status AS text) IS NULL OR page.status = :status)
LIMIT :limit;

-- name: JobPageInNamespace
-- JobPage for another namespace than the default, through job_namespace_newest_idx (partial on namespace <>
-- 'default', which this WHERE repeats so that a generic plan may use it).
SELECT * FROM (
    SELECT v.id, v.type, v.queue, v.priority, v.attempt, v.payload::text AS payload, v.output::text AS output,
           v.error, v.cause, v.created_at, v.run_at, v.finished_at, v.unique_key,
           stepwise.job_status(v.execution_status, v.step_status, v.step_attempt, v.step_run_at, :now) AS status
    FROM stepwise.jobs v
    WHERE v.namespace <> 'default' AND v.namespace = :namespace AND v.id < :after
    ORDER BY v.id DESC
) page
WHERE (CAST(:queue AS text) IS NULL OR page.queue = :queue)
  AND (CAST(:status AS text) IS NULL OR page.status = :status)
LIMIT :limit;

-- name: JobPageOfType
-- JobPage for one type of one namespace, through job_type_newest_idx (a statement of its own, so that no
-- generic plan trades the index for a walk of every job).
SELECT * FROM (
    SELECT v.id, v.type, v.queue, v.priority, v.attempt, v.payload::text AS payload, v.output::text AS output,
           v.error, v.cause, v.created_at, v.run_at, v.finished_at, v.unique_key,
           stepwise.job_status(v.execution_status, v.step_status, v.step_attempt, v.step_run_at, :now) AS status
    FROM stepwise.jobs v
    WHERE v.namespace = :namespace AND v.type = :type AND v.id < :after
    ORDER BY v.id DESC
) page
WHERE (CAST(:queue AS text) IS NULL OR page.queue = :queue)
  AND (CAST(:status AS text) IS NULL OR page.status = :status)
LIMIT :limit;
