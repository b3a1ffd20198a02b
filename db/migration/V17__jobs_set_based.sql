-- Jobs submitted set-based (docs/jobs.md, docs/performance.md "jobs enqueued"). V13's submit_job created
-- one job per call: a PL/pgSQL function and one INSERT per table per job, ~1.3 ms a job inside the
-- function, where a batch start of executions is one INSERT per table per batch. stepwise.submit_jobs
-- takes a batch as arrays and writes it in one statement; submit_job (and so enqueue_job, the SQL door)
-- is now a call of it with one job, so what a job writes is defined once, here.

-- Raises 22023 (invalid_parameter_value) with the message; STRICT, so a NULL message (nothing wrong)
-- costs no call.
CREATE FUNCTION stepwise.refuse_job(message text) RETURNS boolean
LANGUAGE plpgsql VOLATILE STRICT SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION '%', message USING ERRCODE = '22023';
END
$$;

-- Creates jobs, or finds the jobs holding their unique keys: one row per element of the arrays (the
-- longest; shorter arrays are padded with NULLs), in order, n counting from 1. NULLs take the defaults
-- of stepwise.submit_job. For a created job, queue, priority, payload, run_at and status are what it was
-- created with; for a job found by its key they are NULL (read the job: it may have moved on).
-- A key repeated inside one batch is taken (or found held) by its first job; the later ones answer
-- with the same job, not created, as they would in later batches. Raises 22023 naming a bad argument
-- (and the job's n when the batch has more than one); then nothing is written.
CREATE FUNCTION stepwise.submit_jobs(now timestamptz, types text[], payloads json[], queues text[],
                                     priorities integer[], run_ats timestamptz[], unique_keys text[],
                                     unique_fors integer[], max_attempts integer[], backoff_initial_seconds integer[],
                                     backoff_rates numeric[], backoff_max_seconds integer[], backoff_jitters text[],
                                     timeout_seconds integer[], traceparents text[])
    RETURNS TABLE (n integer, job_id uuid, created boolean, state_machine text, queue text, priority integer,
                   payload json, run_at timestamptz, status text)
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH input AS (
        -- each job with its defaults, its would-be id (a UUIDv7) and its shape's number in this batch
        SELECT u.n::integer AS n, u.type, coalesce(u.payload, '{}') AS payload,
               coalesce(u.queue, 'default') AS queue, coalesce(u.priority, 0) AS priority,
               coalesce(u.run_at, now) AS run_at, u.unique_key, u.unique_for, u.traceparent,
               u.max_attempts, u.initial_seconds, u.rate, u.max_seconds, u.jitter, u.timeout,
               stepwise.uuidv7(now) AS id,
               -- the arguments checked where they are read, not by a statement of their own
               stepwise.refuse_job(CASE WHEN cardinality(types) > 1 THEN 'job ' || u.n || ': ' ELSE '' END || CASE
                   WHEN u.type IS NULL OR length(u.type) NOT BETWEEN 1 AND 256 OR u.type ~ '\s'
                       THEN 'type must be a task resource of 1 to 256 characters without spaces'
                   WHEN coalesce(u.queue, 'default') !~ '^[A-Za-z0-9_.:-]{1,64}$'
                       THEN 'queue must be 1 to 64 of A-Z a-z 0-9 _ . : -'
                   WHEN u.priority NOT BETWEEN -100 AND 100 THEN 'priority must be between -100 and 100'
                   WHEN u.max_attempts NOT BETWEEN 1 AND 1000 THEN 'max_attempts must be between 1 and 1000'
                   WHEN u.initial_seconds NOT BETWEEN 1 AND 99999999
                       THEN 'backoff_initial_seconds must be between 1 and 99999999'
                   WHEN u.rate < 1 OR u.rate > 1000 THEN 'backoff_rate must be between 1 and 1000'
                   WHEN u.max_seconds NOT BETWEEN 1 AND 31622400 THEN 'backoff_max_seconds must be between 1 and 31622400'
                   WHEN u.jitter NOT IN ('FULL', 'NONE') THEN 'backoff_jitter must be FULL or NONE'
                   WHEN u.timeout NOT BETWEEN 1 AND 99999999 THEN 'timeout_seconds must be between 1 and 99999999'
                   WHEN u.unique_for NOT BETWEEN 0 AND 31622400 THEN 'unique_for must be between 0 and 31622400 seconds'
                   WHEN length(u.unique_key) NOT BETWEEN 1 AND 256 THEN 'unique_key must be 1 to 256 characters'
               END) AS refused,
               dense_rank() OVER (ORDER BY u.type, u.max_attempts, u.initial_seconds, u.rate, u.max_seconds,
                                           u.jitter, u.timeout) AS shape
        FROM unnest(types, payloads, queues, priorities, run_ats, unique_keys, unique_fors, max_attempts,
                    backoff_initial_seconds, backoff_rates, backoff_max_seconds, backoff_jitters, timeout_seconds,
                    traceparents) WITH ORDINALITY
             AS u(type, payload, queue, priority, run_at, unique_key, unique_for, max_attempts, initial_seconds,
                  rate, max_seconds, jitter, timeout, traceparent, n)
    ),
    definitions AS MATERIALIZED (
        -- the definition text once per distinct shape, not per job (materialized: flattened into shapes,
        -- its expression would be evaluated once for each of its two uses)
        SELECT f.shape, f.type,
               stepwise.job_definition_text(f.type, f.max_attempts, f.initial_seconds, f.rate, f.max_seconds,
                                            f.jitter, f.timeout) AS definition
        FROM (SELECT DISTINCT ON (i.shape) i.* FROM input i ORDER BY i.shape) f
    ),
    shapes AS (
        -- a shape's state machine is "job:" and a hash of its text, so one version exists per shape however
        -- many jobs use it (users cannot create or list such names: theirs are letters, digits, '-' and '_')
        SELECT d.shape, d.type, d.definition,
               'job:' || left(encode(sha256(convert_to(d.definition, 'UTF8')), 'hex'), 32) AS machine
        FROM definitions d
    ),
    new_machines AS (
        INSERT INTO state_machine (name, version, definition, description, created_at)
        SELECT DISTINCT ON (s.machine) s.machine, 1, CAST(s.definition AS json), 'Jobs of type ' || left(s.type, 200),
               now
        FROM shapes s
        WHERE NOT EXISTS (SELECT 1 FROM state_machine m WHERE m.name = s.machine AND m.version = 1)
        ORDER BY s.machine
        ON CONFLICT DO NOTHING
    ),
    keys AS (
        -- Unique jobs: one row per (type, key) names the job holding it. The first job of each key in
        -- this batch proposes itself, in key order, so that batches sharing keys lock them in the same
        -- order and cannot deadlock. A new key is inserted. A taken one is locked (waiting for a
        -- submitter still in flight on any replica; a rolled-back one leaves no row) and, read at its
        -- newest version, passed to this job only when it is released: held_until has passed and the
        -- holder's execution is seen ended. A holder this statement's snapshot cannot see committed
        -- after the statement began: it was unfinished at some moment of this statement, so it holds.
        -- Every proposal is answered by RETURNING with the key's holder after the statement (a holder
        -- kept is written back unchanged, a HOT update in place of the lock FOR UPDATE would take).
        INSERT INTO job_unique_key AS k (type, unique_key, execution_id, held_until)
        SELECT l.type, l.unique_key, l.id, l.run_at + make_interval(secs => coalesce(l.unique_for, 0))
        FROM (SELECT DISTINCT ON (i.type, i.unique_key) i.* FROM input i
              WHERE i.unique_key IS NOT NULL ORDER BY i.type, i.unique_key, i.n) l
        ORDER BY l.type, l.unique_key
        ON CONFLICT (type, unique_key) DO UPDATE
        SET execution_id = CASE WHEN k.held_until > now OR NOT EXISTS (
                                         SELECT 1 FROM execution e WHERE e.id = k.execution_id
                                                                     AND e.status NOT IN ('RUNNING', 'PENDING_REDRIVE'))
                                THEN k.execution_id ELSE excluded.execution_id END,
            held_until = CASE WHEN k.held_until > now OR NOT EXISTS (
                                       SELECT 1 FROM execution e WHERE e.id = k.execution_id
                                                                   AND e.status NOT IN ('RUNNING', 'PENDING_REDRIVE'))
                              THEN k.held_until ELSE excluded.held_until END
        RETURNING k.type, k.unique_key, k.execution_id
    ),
    answers AS (
        SELECT i.*, coalesce(k.execution_id, i.id) AS job_id, s.machine
        FROM input i
        JOIN shapes s ON s.shape = i.shape
        LEFT JOIN keys k ON k.type = i.type AND k.unique_key = i.unique_key
    ),
    executions AS (
        INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date,
                               traceparent, queue, priority)
        SELECT a.id, a.machine, 1, a.id::text, 'RUNNING', a.payload, now, a.traceparent, a.queue, a.priority
        FROM answers a WHERE a.job_id = a.id
    ),
    steps AS (
        -- in request order: the claim takes equal priorities and run_at by step id
        INSERT INTO step (execution_id, queue, priority, status, kind, state_name, input, run_at, created_at)
        SELECT a.id, a.queue, a.priority, 'READY', 'ENTER', 'Job', a.payload, a.run_at, now
        FROM answers a WHERE a.job_id = a.id
        ORDER BY a.n
    ),
    jobs AS (
        INSERT INTO job (execution_id, type, run_at, unique_key)
        SELECT a.id, a.type, a.run_at, a.unique_key FROM answers a WHERE a.job_id = a.id
    )
    SELECT a.n, a.job_id, a.job_id = a.id, a.machine,
           CASE WHEN a.job_id = a.id THEN a.queue END,
           CASE WHEN a.job_id = a.id THEN a.priority END,
           CASE WHEN a.job_id = a.id THEN a.payload END,
           CASE WHEN a.job_id = a.id THEN a.run_at END,
           CASE WHEN a.job_id = a.id THEN stepwise.job_status('RUNNING', 'READY', 0, a.run_at, now) END
    FROM answers a
    ORDER BY a.n;
END
$$;

-- One job: a batch of one, so the SQL door (enqueue_job, which calls this) and the REST door write the
-- same rows by construction. Same signature and answer as V13's. A batch of one always has the same
-- plan, so submit_jobs keeps one (generic) plan for it per session, even on connections that plan each
-- execution (the service's own, plan_cache_mode = force_custom_plan), where planning the statement anew
-- for each job cost more than running it (100 enqueue_job calls: 676 ms planned each time, 210 ms not).
CREATE OR REPLACE FUNCTION stepwise.submit_job(now timestamptz, type text, payload json, queue text, priority integer,
                                               run_at timestamptz, unique_key text, unique_for integer,
                                               max_attempts integer, backoff_initial_seconds integer,
                                               backoff_rate numeric, backoff_max_seconds integer,
                                               backoff_jitter text, timeout_seconds integer, traceparent text)
    RETURNS TABLE (job_id uuid, created boolean, state_machine text)
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    -- PL/pgSQL, not SQL: PostgreSQL 17 plans a SQL function's statement again at every call
    RETURN QUERY
    SELECT s.job_id, s.created, s.state_machine
    FROM stepwise.submit_jobs(submit_job.now, ARRAY[submit_job.type], ARRAY[submit_job.payload],
                              ARRAY[submit_job.queue], ARRAY[submit_job.priority], ARRAY[submit_job.run_at],
                              ARRAY[submit_job.unique_key], ARRAY[submit_job.unique_for],
                              ARRAY[submit_job.max_attempts], ARRAY[submit_job.backoff_initial_seconds],
                              ARRAY[submit_job.backoff_rate], ARRAY[submit_job.backoff_max_seconds],
                              ARRAY[submit_job.backoff_jitter], ARRAY[submit_job.timeout_seconds],
                              ARRAY[submit_job.traceparent]) s;
END
$$;

-- V13's per-job lookup and insert of a shape's state machine: submit_jobs does it once per shape.
DROP FUNCTION stepwise.job_definition(text, text, timestamptz);

-- The three expressions submit_jobs evaluates per job become inlinable: PostgreSQL plans a SQL function
-- it cannot inline (one with a SET clause, or an IMMUTABLE one over a STABLE call such as to_json) again
-- at every execution of the calling statement, ~0.1-0.25 ms each, which a batch of one paid per job.
-- They use only built-in functions and operators, so they need no search_path of their own: inlined into
-- submit_jobs they are parsed under its search_path. job_definition_text is STABLE, as to_json is.
ALTER FUNCTION stepwise.uuidv7(timestamptz) RESET search_path;
ALTER FUNCTION stepwise.job_status(text, text, integer, timestamptz, timestamptz) RESET search_path;
ALTER FUNCTION stepwise.job_definition_text(text, integer, integer, numeric, integer, text, integer)
    STABLE RESET search_path;
