-- Work done outside the service (docs/tasks.md): activities polled by external workers, and Task
-- states that wait for an answer to their task token (activities and `.waitForTaskToken`).

-- An activity is a named queue of tasks that workers in any language poll over HTTP.
CREATE TABLE activity (
    name       text        PRIMARY KEY,
    created_at timestamptz NOT NULL
);

-- One row per attempt of a Task that waits for an answer. The token itself is never stored: it is an
-- HMAC of attempt_key under task_token_secret, so the service can hand it out again (to the poller of an
-- activity) and a re-run of the attempt (after a lost lease) sends the same one; the answer endpoints
-- find the row by the token's SHA-256.
--   OPEN       waiting; for an activity, polled_at says whether a worker has it
--   SUCCEEDED / FAILED   answered (the step is woken and reads output or error/cause)
--   TIMED_OUT  TimeoutSeconds or HeartbeatSeconds ran out first (error says which)
--   CANCELLED  the execution stopped, timed out or was redriven, or the step was cut off
CREATE TABLE task_token (
    token_hash        bytea       PRIMARY KEY,
    attempt_key       text        NOT NULL UNIQUE,
    execution_id      uuid        NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    step_id           bigint      NOT NULL,
    activity          text,
    input             json,
    status            text        NOT NULL DEFAULT 'OPEN'
        CHECK (status IN ('OPEN', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED')),
    created_at        timestamptz NOT NULL,
    timeout_at        timestamptz,
    heartbeat_seconds integer,
    heartbeat_at      timestamptz,
    worker_name       text,
    polled_at         timestamptz,
    output            json,
    error             text,
    cause             text,
    answered_at       timestamptz
);
-- The poll: the oldest unclaimed task of one activity (SKIP LOCKED over this index).
CREATE INDEX task_token_activity_idx ON task_token (activity, created_at)
    WHERE status = 'OPEN' AND polled_at IS NULL AND activity IS NOT NULL;
-- the cascade from a pruned execution, and cancelling the tokens of a stopped one
CREATE INDEX task_token_execution_idx ON task_token (execution_id);

-- The key of the task-token HMAC, made once per database from PostgreSQL's strong random source
-- (gen_random_uuid: 122 random bits each), so every replica derives the same tokens.
CREATE TABLE task_token_secret (
    id     integer PRIMARY KEY CHECK (id = 1),
    secret bytea   NOT NULL
);
INSERT INTO task_token_secret (id, secret)
VALUES (1, decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
                  || replace(gen_random_uuid()::text, '-', ''), 'hex'));

-- CALLBACK: the step waits for the answer to its task token; run_at is the earliest deadline
-- (TimeoutSeconds, HeartbeatSeconds), and an answer moves run_at to now.
ALTER TABLE step DROP CONSTRAINT step_kind_check;
ALTER TABLE step ADD CONSTRAINT step_kind_check CHECK (kind IN ('ENTER', 'TASK', 'WAIT', 'FAN_IN', 'CALLBACK'));
