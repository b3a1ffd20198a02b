-- Statements on jobs (db/migration/V13__jobs.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: JobSubmitMany
-- A batch of jobs through the same function SQL callers use (stepwise.submit_job), so both write the
-- same rows. Jobs with a unique key go first, in key order, so that two batches sharing keys lock them
-- in the same order and cannot deadlock; within a key, request order decides which job is new.
-- :traceparents is NULL while tracing is off: unnest pads a shorter (here empty) array with NULLs.
SELECT t.n, s.job_id, s.created, s.state_machine
FROM (SELECT * FROM unnest(CAST(:types AS text[]), string_to_array(CAST(:payloads AS text), E'\x1e', E'\x1f'),
                           CAST(:queues AS text[]), CAST(:priorities AS integer[]), CAST(:runAts AS timestamptz[]),
                           CAST(:uniqueKeys AS text[]), CAST(:uniqueFors AS integer[]), CAST(:maxAttempts AS integer[]),
                           CAST(:initialSeconds AS integer[]), CAST(:rates AS numeric[]),
                           CAST(:maxSeconds AS integer[]), CAST(:jitters AS text[]), CAST(:timeouts AS integer[]),
                           CAST(:traceparents AS text[])) WITH ORDINALITY
          AS u(type, payload, queue, priority, run_at, unique_key, unique_for, max_attempts, initial_seconds, rate,
               max_seconds, jitter, timeout_seconds, traceparent, n)
      ORDER BY u.unique_key IS NULL, u.type, u.unique_key, u.n) t
CROSS JOIN LATERAL stepwise.submit_job(CAST(:now AS timestamptz), t.type, CAST(t.payload AS json), t.queue, t.priority,
                                       t.run_at, t.unique_key, t.unique_for, t.max_attempts, t.initial_seconds, t.rate,
                                       t.max_seconds, t.jitter, t.timeout_seconds, t.traceparent) s;

-- name: JobDefinitionText
-- The definition a shape's jobs run (for the API to validate before the first job of a shape).
SELECT stepwise.job_definition_text(:type, CAST(:maxAttempts AS integer), CAST(:initialSeconds AS integer),
                                    CAST(:rate AS numeric), CAST(:maxSeconds AS integer), CAST(:jitter AS text),
                                    CAST(:timeout AS integer));

-- name: JobPage
-- Jobs newest first (the primary key backwards: ids are UUIDv7), after :after, with the optional
-- filters (NULL: any). The status is stepwise.job_status of the execution and its top-level step; a
-- finished job's step is gone (or kept, FAILED/CANCELLED, for a redrive), so its attempts are counted
-- from its history then. Also the read of given jobs (:ids).
SELECT * FROM (
    SELECT j.execution_id, j.type, j.run_at, j.unique_key, e.queue, e.priority, e.input::text AS payload, e.output::text AS output, e.error, e.cause,
           e.start_date, e.stop_date,
           stepwise.job_status(e.status, s.status, s.attempt, s.run_at, :now) AS status,
           coalesce(s.attempt, (SELECT count(*) FROM history h CROSS JOIN json_array_elements(h.events) ev
                                WHERE h.execution_id = j.execution_id
                                  AND coalesce(ev ->> 't', ev ->> 'type') = 'TaskScheduled')) AS attempt
    FROM job j
    JOIN execution e ON e.id = j.execution_id
    LEFT JOIN LATERAL (SELECT st.status, st.attempt, st.run_at FROM step st
                       WHERE st.execution_id = j.execution_id AND st.parent_id IS NULL
                       ORDER BY st.id LIMIT 1) s ON true
    WHERE j.execution_id < :after
      AND (CAST(:ids AS uuid[]) IS NULL OR j.execution_id = ANY(CAST(:ids AS uuid[])))
      AND (CAST(:type AS text) IS NULL OR j.type = :type)
    ORDER BY j.execution_id DESC
) jobs
WHERE (CAST(:queue AS text) IS NULL OR jobs.queue = :queue)
  AND (CAST(:status AS text) IS NULL OR jobs.status = :status)
LIMIT :limit;
