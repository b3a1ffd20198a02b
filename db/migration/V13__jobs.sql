-- Jobs (docs/jobs.md): a job is an execution of a generated one-Task state machine, so history,
-- redrive, the console and metrics treat it as any execution. This migration adds what only jobs have
-- (their type, due time and unique key) and the functions that create them, so that an application
-- sharing the database enqueues a job inside its own transaction, in any language, and gets exactly
-- the rows the REST API writes: the REST API calls the same function (stepwise.submit_job).

-- Functions callers use live in a schema of their own, so they cannot collide with an application's
-- functions in a shared database. The tables stay where the other migrations put them: every function
-- below keeps the search_path it was created with (SET search_path FROM CURRENT).
CREATE SCHEMA IF NOT EXISTS stepwise;

-- One row per job, beside its execution (execution_id is the job's id). Listings walk the primary
-- key backwards: ids are UUIDv7, so that is newest first.
CREATE TABLE job (
    execution_id uuid        PRIMARY KEY REFERENCES execution (id) ON DELETE CASCADE,
    type         text        NOT NULL,
    -- when the job was due to run first (its first step's run_at; the step goes when the job ends)
    run_at       timestamptz NOT NULL,
    unique_key   text
);
CREATE INDEX job_type_newest_idx ON job (type, execution_id DESC);

-- Unique jobs: one row per (type, key), naming the job that holds the key. A submission takes the row
-- when it is new or its holder has released it (the holder's execution has ended and held_until has
-- passed); otherwise it answers with the holder. The row lock serialises submitters of one key on
-- every replica, and a rolled-back submission leaves no row. The foreign key is checked at commit
-- (the row is written before its execution), and retention's delete of the holder takes the row too.
CREATE TABLE job_unique_key (
    type         text        NOT NULL,
    unique_key   text        NOT NULL,
    execution_id uuid        NOT NULL REFERENCES execution (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    held_until   timestamptz NOT NULL,
    PRIMARY KEY (type, unique_key)
);
CREATE INDEX job_unique_key_execution_idx ON job_unique_key (execution_id);

-- A UUIDv7 (time-ordered, as engine.ExecutionIds makes them): 48 bits of milliseconds, then random
-- bits from gen_random_uuid with the version nibble set to 7. PostgreSQL 18 has uuidv7(); 17 does not.
CREATE FUNCTION stepwise.uuidv7(ts timestamptz) RETURNS uuid
LANGUAGE sql VOLATILE SET search_path FROM CURRENT AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                                          PLACING substring(int8send(floor(extract(epoch FROM ts) * 1000)::bigint) FROM 3)
                                          FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

-- The ASL text of the state machine that runs jobs of one shape: one Task, the job's type as its
-- Resource, the retry options as its Retry (MaxAttempts = attempts - 1, on every error but
-- States.Runtime), the timeout as its TimeoutSeconds. NULL arguments take the defaults, here only:
-- 3 attempts, 1 s, rate 2, no cap, FULL jitter, no timeout. Equal shapes give equal texts (BackoffRate
-- is written without trailing zeros; backoff options are left out with a single attempt).
CREATE FUNCTION stepwise.job_definition_text(type text, max_attempts integer, backoff_initial_seconds integer,
                                             backoff_rate numeric, backoff_max_seconds integer, backoff_jitter text,
                                             timeout_seconds integer) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
    SELECT '{"Comment":"Runs Stepwise jobs of one type and shape (generated; see docs/jobs.md)","StartAt":"Job",'
           || '"States":{"Job":{"Type":"Task","Resource":' || to_json(type)::text
           || CASE WHEN timeout_seconds IS NULL THEN '' ELSE ',"TimeoutSeconds":' || timeout_seconds END
           || CASE WHEN coalesce(max_attempts, 3) <= 1 THEN ''
                   ELSE ',"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":' || coalesce(backoff_initial_seconds, 1)
                        || ',"MaxAttempts":' || (coalesce(max_attempts, 3) - 1)
                        || ',"BackoffRate":' || trim_scale(coalesce(backoff_rate, 2))
                        || CASE WHEN backoff_max_seconds IS NULL THEN ''
                                ELSE ',"MaxDelaySeconds":' || backoff_max_seconds END
                        || ',"JitterStrategy":' || to_json(coalesce(backoff_jitter, 'FULL'))::text || '}]' END
           || ',"End":true}}}'
$$;

-- The state machine of a shape, created on first use: its name is "job:" and a hash of its text, so one
-- version exists per distinct shape however many jobs use it. Users cannot create or list such names
-- (state machine names are letters, digits, '-' and '_'; the listing leaves "job:" names out).
CREATE FUNCTION stepwise.job_definition(definition text, type text, now timestamptz) RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
#variable_conflict use_variable
DECLARE
    machine text := 'job:' || left(encode(sha256(convert_to(definition, 'UTF8')), 'hex'), 32);
BEGIN
    PERFORM 1 FROM state_machine s WHERE s.name = machine AND s.version = 1;
    IF NOT FOUND THEN
        INSERT INTO state_machine (name, version, definition, description, created_at)
        VALUES (machine, 1, CAST(definition AS json), 'Jobs of type ' || left(type, 200), now)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN machine;
END
$$;

-- Creates one job, or finds the job holding its unique key. NULL arguments take the defaults (the
-- retry options' in stepwise.job_definition_text). Rows: the shape's state machine (when new), the execution (RUNNING, named by its id), its first
-- step (READY at run_at, entering the Task), the job row, and the unique key's row. Raises 22023
-- (invalid_parameter_value) naming the argument that is out of range.
CREATE FUNCTION stepwise.submit_job(now timestamptz, type text, payload json, queue text, priority integer,
                                    run_at timestamptz, unique_key text, unique_for integer, max_attempts integer,
                                    backoff_initial_seconds integer, backoff_rate numeric, backoff_max_seconds integer,
                                    backoff_jitter text, timeout_seconds integer, traceparent text)
    RETURNS TABLE (job_id uuid, created boolean, state_machine text)
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
#variable_conflict use_variable
DECLARE
    v_payload  json        := coalesce(payload, '{}');
    v_queue    text        := coalesce(queue, 'default');
    v_priority integer     := coalesce(priority, 0);
    v_run_at   timestamptz := coalesce(run_at, now);
    v_id       uuid;
    v_machine  text;
    v_holder   uuid;
    v_held     timestamptz;
BEGIN
    IF type IS NULL OR length(type) NOT BETWEEN 1 AND 256 OR type ~ '\s' THEN
        RAISE EXCEPTION 'type must be a task resource of 1 to 256 characters without spaces' USING ERRCODE = '22023';
    ELSIF v_queue !~ '^[A-Za-z0-9_.:-]{1,64}$' THEN
        RAISE EXCEPTION 'queue must be 1 to 64 of A-Z a-z 0-9 _ . : -' USING ERRCODE = '22023';
    ELSIF v_priority NOT BETWEEN -100 AND 100 THEN
        RAISE EXCEPTION 'priority must be between -100 and 100' USING ERRCODE = '22023';
    ELSIF max_attempts NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'max_attempts must be between 1 and 1000' USING ERRCODE = '22023';
    ELSIF backoff_initial_seconds NOT BETWEEN 1 AND 99999999 THEN
        RAISE EXCEPTION 'backoff_initial_seconds must be between 1 and 99999999' USING ERRCODE = '22023';
    ELSIF backoff_rate < 1 OR backoff_rate > 1000 THEN
        RAISE EXCEPTION 'backoff_rate must be between 1 and 1000' USING ERRCODE = '22023';
    ELSIF backoff_max_seconds NOT BETWEEN 1 AND 31622400 THEN
        RAISE EXCEPTION 'backoff_max_seconds must be between 1 and 31622400' USING ERRCODE = '22023';
    ELSIF backoff_jitter NOT IN ('FULL', 'NONE') THEN
        RAISE EXCEPTION 'backoff_jitter must be FULL or NONE' USING ERRCODE = '22023';
    ELSIF timeout_seconds NOT BETWEEN 1 AND 99999999 THEN
        RAISE EXCEPTION 'timeout_seconds must be between 1 and 99999999' USING ERRCODE = '22023';
    ELSIF unique_for NOT BETWEEN 0 AND 31622400 THEN
        RAISE EXCEPTION 'unique_for must be between 0 and 31622400 seconds' USING ERRCODE = '22023';
    ELSIF length(unique_key) NOT BETWEEN 1 AND 256 THEN
        RAISE EXCEPTION 'unique_key must be 1 to 256 characters' USING ERRCODE = '22023';
    END IF;

    v_machine := stepwise.job_definition(stepwise.job_definition_text(type, max_attempts, backoff_initial_seconds,
                                                                      backoff_rate, backoff_max_seconds, backoff_jitter,
                                                                      timeout_seconds),
                                         type, now);
    v_id := stepwise.uuidv7(now);

    IF unique_key IS NOT NULL THEN
        LOOP
            INSERT INTO job_unique_key AS k (type, unique_key, execution_id, held_until)
            VALUES (type, unique_key, v_id, v_run_at + make_interval(secs => coalesce(unique_for, 0)))
            ON CONFLICT DO NOTHING;
            EXIT WHEN FOUND;
            -- Taken: lock the holder's row (waiting for a submitter still in flight), then look at the
            -- holder with a new snapshot, which sees what that submitter committed.
            SELECT k.execution_id, k.held_until INTO v_holder, v_held
            FROM job_unique_key k WHERE k.type = submit_job.type AND k.unique_key = submit_job.unique_key
            FOR UPDATE;
            CONTINUE WHEN NOT FOUND; -- the holder was deleted meanwhile (retention): try again
            IF v_held > now OR EXISTS (SELECT 1 FROM execution e
                                       WHERE e.id = v_holder AND e.status IN ('RUNNING', 'PENDING_REDRIVE')) THEN
                RETURN QUERY SELECT v_holder, false, v_machine;
                RETURN;
            END IF;
            UPDATE job_unique_key k
            SET execution_id = v_id, held_until = v_run_at + make_interval(secs => coalesce(unique_for, 0))
            WHERE k.type = submit_job.type AND k.unique_key = submit_job.unique_key;
            EXIT;
        END LOOP;
    END IF;

    INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date, traceparent,
                           queue, priority)
    VALUES (v_id, v_machine, 1, v_id::text, 'RUNNING', v_payload, now, traceparent, v_queue, v_priority);
    INSERT INTO step (execution_id, queue, priority, status, kind, state_name, input, run_at, created_at)
    VALUES (v_id, v_queue, v_priority, 'READY', 'ENTER', 'Job', v_payload, v_run_at, now);
    INSERT INTO job (execution_id, type, run_at, unique_key) VALUES (v_id, type, v_run_at, unique_key);
    RETURN QUERY SELECT v_id, true, v_machine;
END
$$;

-- The door for applications: enqueue a job inside the caller's transaction, so it exists if and only if
-- that transaction commits. Returns the job's id (with a unique_key held by an unfinished job, that
-- job's id). NULL arguments mean the defaults of docs/jobs.md. The NOTIFY wakes the workers once per
-- transaction however many jobs it enqueues: PostgreSQL folds identical notifications of a transaction.
CREATE FUNCTION stepwise.enqueue_job(type text, payload json DEFAULT NULL, queue text DEFAULT NULL,
                                     priority integer DEFAULT NULL, run_at timestamptz DEFAULT NULL,
                                     unique_key text DEFAULT NULL, unique_for integer DEFAULT NULL,
                                     max_attempts integer DEFAULT NULL, backoff_initial_seconds integer DEFAULT NULL,
                                     backoff_rate numeric DEFAULT NULL, backoff_max_seconds integer DEFAULT NULL,
                                     backoff_jitter text DEFAULT NULL, timeout_seconds integer DEFAULT NULL)
    RETURNS uuid
LANGUAGE sql VOLATILE SET search_path FROM CURRENT AS $$
    SELECT pg_notify('stepwise_work', '');
    SELECT s.job_id
    FROM stepwise.submit_job(date_trunc('microseconds', clock_timestamp()), enqueue_job.type, enqueue_job.payload,
                             enqueue_job.queue, enqueue_job.priority, enqueue_job.run_at, enqueue_job.unique_key,
                             enqueue_job.unique_for, enqueue_job.max_attempts, enqueue_job.backoff_initial_seconds,
                             enqueue_job.backoff_rate, enqueue_job.backoff_max_seconds, enqueue_job.backoff_jitter,
                             enqueue_job.timeout_seconds, NULL) s;
$$;

-- A job's status from its execution and its (top-level) step: the mapping of docs/jobs.md, in one place
-- for the API's reads and for SQL callers.
CREATE FUNCTION stepwise.job_status(execution_status text, step_status text, step_attempt integer,
                                    step_run_at timestamptz, now timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
    SELECT CASE
               WHEN execution_status = 'SUCCEEDED' THEN 'SUCCEEDED'
               WHEN execution_status IN ('FAILED', 'TIMED_OUT') THEN 'FAILED'
               WHEN execution_status = 'ABORTED' THEN 'CANCELLED'
               WHEN step_status = 'READY' AND step_attempt > 0 THEN 'RETRYING'
               WHEN step_status = 'READY' AND step_run_at > now THEN 'SCHEDULED'
               WHEN step_status = 'READY' THEN 'AVAILABLE'
               ELSE 'RUNNING'
           END
$$;

-- Jobs as callers see them (the API's reads, and SQL callers): the job row, its execution and its top-level
-- step. A finished job's step is gone (or kept, FAILED/CANCELLED, for a retry), so its attempts are then
-- counted from its history's TaskScheduled events. The status is stepwise.job_status of the step_* and
-- execution_status columns at a given time.
CREATE VIEW stepwise.jobs AS
SELECT j.execution_id AS id, j.type, e.queue, e.priority, e.status AS execution_status, s.status AS step_status,
       s.attempt AS step_attempt, s.run_at AS step_run_at,
       coalesce(s.attempt, (SELECT count(*) FROM history h CROSS JOIN json_array_elements(h.events) ev
                            WHERE h.execution_id = j.execution_id
                              AND coalesce(ev ->> 't', ev ->> 'type') = 'TaskScheduled'))::integer AS attempt,
       e.input AS payload, e.output, e.error, e.cause, e.start_date AS created_at, j.run_at,
       e.stop_date AS finished_at, j.unique_key
FROM job j
JOIN execution e ON e.id = j.execution_id
LEFT JOIN LATERAL (SELECT st.status, st.attempt, st.run_at FROM step st
                   WHERE st.execution_id = j.execution_id AND st.parent_id IS NULL
                   ORDER BY st.id LIMIT 1) s ON true;
