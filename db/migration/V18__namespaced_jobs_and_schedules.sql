-- Jobs and cron schedules per namespace (docs/namespaces.md), as V16 made state machines, executions and
-- activities: what exists is in 'default' (constant defaults: no table is rewritten). A job is an execution,
-- so it is in its execution's namespace; its generated state machine (job:<hash>) is created in that
-- namespace, where the worker looks it up, and stays out of that namespace's listing as before. A job's
-- queue is its namespace's queue, keyed <namespace>/<name> outside the default one, as executions' are.
-- Claims and completions read and write nothing new: only submission and the listings change.

-- job: the namespace, for listings. The default namespace's listing keeps walking the primary key; the
-- other namespaces get a partial index of their own (as execution_namespace_newest_idx), so a default-only
-- installation writes no extra index entry per job. The type index leads with the namespace instead.
ALTER TABLE job ADD COLUMN namespace text NOT NULL DEFAULT 'default';
DROP INDEX job_type_newest_idx;
CREATE INDEX job_type_newest_idx ON job (namespace, type, execution_id DESC);
CREATE INDEX job_namespace_newest_idx ON job (namespace, execution_id DESC) WHERE namespace <> 'default';

-- job_unique_key: a key is held per namespace, so two teams' 'invoice-42' are two jobs.
ALTER TABLE job_unique_key ADD COLUMN namespace text NOT NULL DEFAULT 'default';
ALTER TABLE job_unique_key DROP CONSTRAINT job_unique_key_pkey;
ALTER TABLE job_unique_key ADD PRIMARY KEY (namespace, type, unique_key);

-- schedule: names per namespace. A fire's execution (<schedule>-<fire instant>) is started in the
-- schedule's namespace, where execution names are unique per machine (V16), and a job target's unique key
-- (the same name) is held in that namespace: a repeated fire stays a no-op in each namespace.
ALTER TABLE schedule ADD COLUMN namespace text NOT NULL DEFAULT 'default';
ALTER TABLE schedule DROP CONSTRAINT schedule_pkey;
ALTER TABLE schedule ADD PRIMARY KEY (namespace, name);

-- The caller-facing signatures gain a trailing namespace with a default, so every existing call works
-- unchanged. A new signature is a new function: the old ones go first, or calls would be ambiguous.
DROP FUNCTION stepwise.enqueue_job(text, json, text, integer, timestamptz, text, integer, integer, integer, numeric,
                                   integer, text, integer);
DROP FUNCTION stepwise.submit_job(timestamptz, text, json, text, integer, timestamptz, text, integer, integer, integer,
                                  numeric, integer, text, integer, text);
DROP FUNCTION stepwise.submit_jobs(timestamptz, text[], json[], text[], integer[], timestamptz[], text[], integer[],
                                   integer[], integer[], numeric[], integer[], text[], integer[], text[]);

-- Why a namespace is refused, or NULL: the rule of store.Namespace (a DNS label), in one place for SQL.
CREATE FUNCTION stepwise.namespace_refusal(namespace text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN namespace IS NULL OR namespace !~ '^[a-z0-9][a-z0-9-]{0,62}$'
                THEN 'namespace must be 1 to 63 of a-z 0-9 -, starting with a letter or digit, got '
                     || coalesce('''' || namespace || '''', 'none') END
$$;

-- V17's submit_jobs with each job's namespace (NULL or a shorter array: 'default'). The queue a caller
-- names is checked as a name and stored as its namespace's key; the answer's queue is the name.
CREATE FUNCTION stepwise.submit_jobs(now timestamptz, types text[], payloads json[], queues text[],
                                     priorities integer[], run_ats timestamptz[], unique_keys text[],
                                     unique_fors integer[], max_attempts integer[], backoff_initial_seconds integer[],
                                     backoff_rates numeric[], backoff_max_seconds integer[], backoff_jitters text[],
                                     timeout_seconds integer[], traceparents text[], namespaces text[] DEFAULT '{}')
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
               coalesce(u.namespace, 'default') AS namespace,
               CASE WHEN coalesce(u.namespace, 'default') = 'default' THEN coalesce(u.queue, 'default')
                    ELSE u.namespace || '/' || coalesce(u.queue, 'default') END AS queue_key,
               stepwise.uuidv7(now) AS id,
               -- the arguments checked where they are read, not by a statement of their own
               stepwise.refuse_job(CASE WHEN cardinality(types) > 1 THEN 'job ' || u.n || ': ' ELSE '' END || CASE
                   WHEN u.type IS NULL OR length(u.type) NOT BETWEEN 1 AND 256 OR u.type ~ '\s'
                       THEN 'type must be a task resource of 1 to 256 characters without spaces'
                   WHEN u.namespace IS NOT NULL AND stepwise.namespace_refusal(u.namespace) IS NOT NULL
                       THEN stepwise.namespace_refusal(u.namespace)
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
               dense_rank() OVER (ORDER BY coalesce(u.namespace, 'default'), u.type, u.max_attempts, u.initial_seconds,
                                           u.rate, u.max_seconds, u.jitter, u.timeout) AS shape
        FROM unnest(types, payloads, queues, priorities, run_ats, unique_keys, unique_fors, max_attempts,
                    backoff_initial_seconds, backoff_rates, backoff_max_seconds, backoff_jitters, timeout_seconds,
                    traceparents, namespaces) WITH ORDINALITY
             AS u(type, payload, queue, priority, run_at, unique_key, unique_for, max_attempts, initial_seconds,
                  rate, max_seconds, jitter, timeout, traceparent, namespace, n)
    ),
    definitions AS MATERIALIZED (
        -- the definition text once per distinct shape (and namespace), not per job (materialized: flattened
        -- into shapes, its expression would be evaluated once for each of its two uses)
        SELECT f.shape, f.type, f.namespace,
               stepwise.job_definition_text(f.type, f.max_attempts, f.initial_seconds, f.rate, f.max_seconds,
                                            f.jitter, f.timeout) AS definition
        FROM (SELECT DISTINCT ON (i.shape) i.* FROM input i ORDER BY i.shape) f
    ),
    shapes AS (
        -- a shape's state machine is "job:" and a hash of its text, in the job's namespace, so one version
        -- exists per shape and namespace however many jobs use it (users cannot create or list such names:
        -- theirs are letters, digits, '-' and '_')
        SELECT d.shape, d.type, d.namespace, d.definition,
               'job:' || left(encode(sha256(convert_to(d.definition, 'UTF8')), 'hex'), 32) AS machine
        FROM definitions d
    ),
    new_machines AS (
        INSERT INTO state_machine (namespace, name, version, definition, description, created_at)
        SELECT DISTINCT ON (s.namespace, s.machine) s.namespace, s.machine, 1, CAST(s.definition AS json),
               'Jobs of type ' || left(s.type, 200), now
        FROM shapes s
        WHERE NOT EXISTS (SELECT 1 FROM state_machine m
                          WHERE m.namespace = s.namespace AND m.name = s.machine AND m.version = 1)
        ORDER BY s.namespace, s.machine
        ON CONFLICT DO NOTHING
    ),
    keys AS (
        -- Unique jobs: one row per (namespace, type, key) names the job holding it; V17 tells how a key is
        -- taken, kept or passed on. Proposals go in key order, so batches sharing keys cannot deadlock.
        INSERT INTO job_unique_key AS k (namespace, type, unique_key, execution_id, held_until)
        SELECT l.namespace, l.type, l.unique_key, l.id, l.run_at + make_interval(secs => coalesce(l.unique_for, 0))
        FROM (SELECT DISTINCT ON (i.namespace, i.type, i.unique_key) i.* FROM input i
              WHERE i.unique_key IS NOT NULL ORDER BY i.namespace, i.type, i.unique_key, i.n) l
        ORDER BY l.namespace, l.type, l.unique_key
        ON CONFLICT (namespace, type, unique_key) DO UPDATE
        SET execution_id = CASE WHEN k.held_until > now OR NOT EXISTS (
                                         SELECT 1 FROM execution e WHERE e.id = k.execution_id
                                                                     AND e.status NOT IN ('RUNNING', 'PENDING_REDRIVE'))
                                THEN k.execution_id ELSE excluded.execution_id END,
            held_until = CASE WHEN k.held_until > now OR NOT EXISTS (
                                       SELECT 1 FROM execution e WHERE e.id = k.execution_id
                                                                   AND e.status NOT IN ('RUNNING', 'PENDING_REDRIVE'))
                              THEN k.held_until ELSE excluded.held_until END
        RETURNING k.namespace, k.type, k.unique_key, k.execution_id
    ),
    answers AS (
        SELECT i.*, coalesce(k.execution_id, i.id) AS job_id, s.machine
        FROM input i
        JOIN shapes s ON s.shape = i.shape
        LEFT JOIN keys k ON k.namespace = i.namespace AND k.type = i.type AND k.unique_key = i.unique_key
    ),
    executions AS (
        INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date,
                               traceparent, queue, priority, namespace)
        SELECT a.id, a.machine, 1, a.id::text, 'RUNNING', a.payload, now, a.traceparent, a.queue_key, a.priority,
               a.namespace
        FROM answers a WHERE a.job_id = a.id
    ),
    steps AS (
        -- in request order: the claim takes equal priorities and run_at by step id
        INSERT INTO step (execution_id, queue, priority, status, kind, state_name, input, run_at, created_at)
        SELECT a.id, a.queue_key, a.priority, 'READY', 'ENTER', 'Job', a.payload, a.run_at, now
        FROM answers a WHERE a.job_id = a.id
        ORDER BY a.n
    ),
    jobs AS (
        INSERT INTO job (execution_id, type, run_at, unique_key, namespace)
        SELECT a.id, a.type, a.run_at, a.unique_key, a.namespace FROM answers a WHERE a.job_id = a.id
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

-- One job: a batch of one (V17), now in a namespace.
CREATE FUNCTION stepwise.submit_job(now timestamptz, type text, payload json, queue text, priority integer,
                                    run_at timestamptz, unique_key text, unique_for integer,
                                    max_attempts integer, backoff_initial_seconds integer,
                                    backoff_rate numeric, backoff_max_seconds integer,
                                    backoff_jitter text, timeout_seconds integer, traceparent text,
                                    namespace text DEFAULT 'default')
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
                              ARRAY[submit_job.traceparent], ARRAY[coalesce(submit_job.namespace, 'default')]) s;
END
$$;

-- The door for applications (V13), with the namespace the job goes in (NULL: 'default').
CREATE FUNCTION stepwise.enqueue_job(type text, payload json DEFAULT NULL, queue text DEFAULT NULL,
                                     priority integer DEFAULT NULL, run_at timestamptz DEFAULT NULL,
                                     unique_key text DEFAULT NULL, unique_for integer DEFAULT NULL,
                                     max_attempts integer DEFAULT NULL, backoff_initial_seconds integer DEFAULT NULL,
                                     backoff_rate numeric DEFAULT NULL, backoff_max_seconds integer DEFAULT NULL,
                                     backoff_jitter text DEFAULT NULL, timeout_seconds integer DEFAULT NULL,
                                     namespace text DEFAULT 'default')
    RETURNS uuid
LANGUAGE sql VOLATILE SET search_path FROM CURRENT AS $$
    SELECT pg_notify('stepwise_work', '');
    SELECT s.job_id
    FROM stepwise.submit_job(date_trunc('microseconds', clock_timestamp()), enqueue_job.type, enqueue_job.payload,
                             enqueue_job.queue, enqueue_job.priority, enqueue_job.run_at, enqueue_job.unique_key,
                             enqueue_job.unique_for, enqueue_job.max_attempts, enqueue_job.backoff_initial_seconds,
                             enqueue_job.backoff_rate, enqueue_job.backoff_max_seconds, enqueue_job.backoff_jitter,
                             enqueue_job.timeout_seconds, NULL, enqueue_job.namespace) s;
$$;

-- An element of enqueue_jobs' array read as a timestamp, or a refusal naming its element: the one field
-- whose text a pattern cannot check (a cast of '2030-13-45' would fail without saying which job).
CREATE FUNCTION stepwise.job_run_at(value text, n bigint) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
    RETURN CAST(value AS timestamptz);
EXCEPTION WHEN data_exception THEN
    RAISE EXCEPTION 'job %: runAt must be a date-time such as 2025-01-15T10:30:00Z, got %',
        n, value USING ERRCODE = '22023';
END
$$;

-- The set-based door for applications: many jobs in one statement, inside the caller's transaction, so
-- they exist if and only if it commits. `jobs` is a JSON array whose elements are the bodies POST /v1/jobs
-- takes (type, payload, queue, priority, runAt or delaySeconds, uniqueKey, uniqueFor, maxAttempts,
-- backoff {initialSeconds, rate, maxSeconds, jitter}, timeoutSeconds): one parameter from any client
-- library (a string cast to json from JDBC, a list of dicts from Python), fields by name, absent ones
-- defaulted. Answers one row per job in order (n counting from 1): its id (the key holder's for a held
-- key) and whether this call created it. Raises 22023 naming the job's n and field; then nothing is written.
CREATE FUNCTION stepwise.enqueue_jobs(jobs json, namespace text DEFAULT 'default')
    RETURNS TABLE (n integer, job_id uuid, created boolean)
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    v_now timestamptz := date_trunc('microseconds', clock_timestamp());
BEGIN
    IF enqueue_jobs.jobs IS NULL OR json_typeof(enqueue_jobs.jobs) <> 'array' THEN
        RAISE EXCEPTION 'jobs must be a JSON array of jobs' USING ERRCODE = '22023';
    END IF;
    PERFORM stepwise.refuse_job(stepwise.namespace_refusal(enqueue_jobs.namespace));
    -- every element's form first (each field's JSON type; integers that fit), so the casts below cannot fail;
    -- what reads inside an element guards itself (the planner may evaluate it before the WHERE)
    PERFORM count(stepwise.refuse_job('job ' || e.n || ': ' || CASE
                WHEN json_typeof(e.j) <> 'object' THEN 'must be a JSON object (the body of POST /v1/jobs)'
                WHEN f.unknown IS NOT NULL THEN 'unknown field ' || f.unknown
                WHEN json_typeof(e.j -> 'type') IS DISTINCT FROM 'string' THEN 'type must be a string'
                WHEN json_typeof(e.j -> 'backoff') NOT IN ('object', 'null') THEN 'backoff must be an object'
                WHEN f.not_integer IS NOT NULL THEN f.not_integer || ' must be an integer'
                WHEN f.not_string IS NOT NULL THEN f.not_string || ' must be a string'
                WHEN json_typeof(e.j -> 'backoff' -> 'rate') NOT IN ('number', 'null') THEN 'backoff.rate must be a number'
                WHEN e.j -> 'runAt' IS NOT NULL AND json_typeof(e.j -> 'runAt') <> 'null'
                     AND e.j -> 'delaySeconds' IS NOT NULL AND json_typeof(e.j -> 'delaySeconds') <> 'null'
                    THEN 'give runAt or delaySeconds, not both'
                WHEN CAST(e.j ->> 'delaySeconds' AS integer) NOT BETWEEN 0 AND 31622400
                    THEN 'delaySeconds must be between 0 and 31622400'
            END))
    FROM json_array_elements(enqueue_jobs.jobs) WITH ORDINALITY AS e(j, n)
    LEFT JOIN LATERAL (
        SELECT (SELECT string_agg(u.k, ', ')
                FROM (SELECT k FROM json_object_keys(CASE WHEN json_typeof(e.j) = 'object' THEN e.j END) k
                      WHERE k NOT IN ('type', 'payload', 'queue', 'priority', 'runAt', 'delaySeconds', 'uniqueKey',
                                      'uniqueFor', 'maxAttempts', 'backoff', 'timeoutSeconds')
                      UNION ALL
                      SELECT 'backoff.' || k
                      FROM json_object_keys(CASE WHEN json_typeof(e.j -> 'backoff') = 'object' THEN e.j -> 'backoff' END) k
                      WHERE k NOT IN ('initialSeconds', 'rate', 'maxSeconds', 'jitter')) u) AS unknown,
               (SELECT min(p) FROM unnest(ARRAY['priority', 'delaySeconds', 'uniqueFor', 'maxAttempts', 'timeoutSeconds',
                                                'backoff.initialSeconds', 'backoff.maxSeconds']) p
                WHERE json_typeof(e.j #> string_to_array(p, '.')) NOT IN ('number', 'null')
                   OR (e.j #>> string_to_array(p, '.')) !~ '^-?[0-9]{1,9}$') AS not_integer,
               (SELECT min(p) FROM unnest(ARRAY['queue', 'runAt', 'uniqueKey', 'backoff.jitter']) p
                WHERE json_typeof(e.j #> string_to_array(p, '.')) NOT IN ('string', 'null')) AS not_string
        WHERE json_typeof(e.j) = 'object'
    ) f ON true;
    IF json_array_length(enqueue_jobs.jobs) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_notify('stepwise_work', '');
    RETURN QUERY
    SELECT s.n, s.job_id, s.created
    FROM (SELECT array_agg(e.j ->> 'type' ORDER BY e.n) AS types,
                 array_agg(CASE WHEN json_typeof(e.j -> 'payload') <> 'null' THEN e.j -> 'payload' END ORDER BY e.n)
                     AS payloads,
                 array_agg(e.j ->> 'queue' ORDER BY e.n) AS queues,
                 array_agg(CAST(e.j ->> 'priority' AS integer) ORDER BY e.n) AS priorities,
                 array_agg(coalesce(stepwise.job_run_at(e.j ->> 'runAt', e.n),
                                    v_now + make_interval(secs => CAST(e.j ->> 'delaySeconds' AS integer))) ORDER BY e.n)
                     AS run_ats,
                 array_agg(e.j ->> 'uniqueKey' ORDER BY e.n) AS unique_keys,
                 array_agg(CAST(e.j ->> 'uniqueFor' AS integer) ORDER BY e.n) AS unique_fors,
                 array_agg(CAST(e.j ->> 'maxAttempts' AS integer) ORDER BY e.n) AS max_attempts,
                 array_agg(CAST(e.j #>> '{backoff,initialSeconds}' AS integer) ORDER BY e.n) AS initial_seconds,
                 array_agg(CAST(e.j #>> '{backoff,rate}' AS numeric) ORDER BY e.n) AS rates,
                 array_agg(CAST(e.j #>> '{backoff,maxSeconds}' AS integer) ORDER BY e.n) AS max_seconds,
                 array_agg(e.j #>> '{backoff,jitter}' ORDER BY e.n) AS jitters,
                 array_agg(CAST(e.j ->> 'timeoutSeconds' AS integer) ORDER BY e.n) AS timeouts,
                 array_agg(enqueue_jobs.namespace ORDER BY e.n) AS namespaces
          FROM json_array_elements(enqueue_jobs.jobs) WITH ORDINALITY AS e(j, n)) a
    CROSS JOIN LATERAL stepwise.submit_jobs(v_now, a.types, a.payloads, a.queues, a.priorities, a.run_ats,
                                            a.unique_keys, a.unique_fors, a.max_attempts, a.initial_seconds, a.rates,
                                            a.max_seconds, a.jitters, a.timeouts, '{}', a.namespaces) s;
END
$$;

-- Jobs as callers see them (V13), with their namespace, and the queue by its name (as the API shows it),
-- not its key: in the namespace's own view, 'emails' is 'emails'.
CREATE OR REPLACE VIEW stepwise.jobs AS
SELECT j.execution_id AS id, j.type, substr(e.queue, strpos(e.queue, '/') + 1) AS queue, e.priority,
       e.status AS execution_status, s.status AS step_status,
       s.attempt AS step_attempt, s.run_at AS step_run_at,
       coalesce(s.attempt, (SELECT count(*) FROM history h CROSS JOIN json_array_elements(h.events) ev
                            WHERE h.execution_id = j.execution_id
                              AND coalesce(ev ->> 't', ev ->> 'type') = 'TaskScheduled'))::integer AS attempt,
       e.input AS payload, e.output, e.error, e.cause, e.start_date AS created_at, j.run_at,
       e.stop_date AS finished_at, j.unique_key, j.namespace
FROM job j
JOIN execution e ON e.id = j.execution_id
LEFT JOIN LATERAL (SELECT st.status, st.attempt, st.run_at FROM step st
                   WHERE st.execution_id = j.execution_id AND st.parent_id IS NULL
                   ORDER BY st.id LIMIT 1) s ON true;
