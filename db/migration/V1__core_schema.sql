-- Stepwise core schema: definitions, executions, the step queue and history.
-- Forward-only. Statuses are text with CHECK constraints so that psql output reads by itself and a
-- bad write fails loudly instead of inventing a status.

-- Every stored version of a state machine. A new version is added only when the definition changes;
-- executions are pinned to the version they started on.
CREATE TABLE state_machine (
    name        text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    definition  jsonb       NOT NULL,
    description text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (name, version)
);

-- One row per execution, kept after it ends (until retention prunes it). It is not a queue: the
-- workers never scan it, so finished rows cost the hot path nothing.
-- The execution's own events (ExecutionStarted/Succeeded/Failed/...) are derived from this row rather
-- than written to history.
CREATE TABLE execution (
    id                    uuid        PRIMARY KEY,
    state_machine_name    text        NOT NULL,
    state_machine_version integer     NOT NULL,
    name                  text        NOT NULL,
    status                text        NOT NULL
        CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE')),
    input                 jsonb       NOT NULL,
    output                jsonb,
    error                 text,
    cause                 text,
    start_date            timestamptz NOT NULL,
    stop_date             timestamptz,
    -- the top-level TimeoutSeconds as an instant, so maintenance can find overdue executions by index
    timeout_at            timestamptz,
    redrive_count         integer     NOT NULL DEFAULT 0,
    redrive_date          timestamptz,
    -- names are unique per state machine: a repeated start with the same name is idempotent
    UNIQUE (state_machine_name, name),
    CONSTRAINT execution_stop_date_when_finished
        CHECK ((stop_date IS NULL) = (status IN ('RUNNING', 'PENDING_REDRIVE')))
);
CREATE INDEX execution_newest_idx ON execution (start_date DESC, id DESC);
CREATE INDEX execution_machine_newest_idx ON execution (state_machine_name, start_date DESC, id DESC);
CREATE INDEX execution_timeout_idx ON execution (timeout_at) WHERE status = 'RUNNING' AND timeout_at IS NOT NULL;

-- The work queue. A step is "execution X must run state S with input I". Non-Task states run in-line,
-- so a step usually waits at a Task, a Wait (run_at in the future), a retry, or the start.
-- Parallel/Map states become a WAITING parent whose branches/iterations are child steps; the last
-- child to finish decrements pending_children to zero and resumes the parent.
-- Finished steps are deleted, except where a parent still needs their result (SUCCEEDED children) or
-- a redrive needs to resume them (FAILED/CANCELLED steps of a failed execution).
CREATE TABLE step (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id     uuid        NOT NULL,
    parent_id        bigint,
    branch_index     integer,
    queue            text        NOT NULL DEFAULT 'default',
    priority         smallint    NOT NULL DEFAULT 0,
    status           text        NOT NULL
        CHECK (status IN ('READY', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    state_name       text        NOT NULL,
    input            jsonb       NOT NULL,
    output           jsonb,
    -- interpreter bookkeeping that must survive a restart: retry counters, variables, entered time
    state_data       jsonb,
    attempt          integer     NOT NULL DEFAULT 0,
    run_at           timestamptz NOT NULL,
    pending_children integer,
    lease_owner      text,
    lease_token      uuid,
    lease_expires_at timestamptz,
    created_at       timestamptz NOT NULL,
    CONSTRAINT step_lease_when_running
        CHECK ((status = 'RUNNING') = (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL))
);
-- Matches the claim's WHERE and ORDER BY exactly (see db/queries/step.sql, StepClaimReady), and holds
-- only READY rows, so running, waiting and kept rows never slow a claim.
CREATE INDEX step_ready_idx ON step (queue, priority DESC, run_at, id) WHERE status = 'READY';
-- Lease rescue looks only at running steps.
CREATE INDEX step_lease_expiry_idx ON step (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX step_execution_idx ON step (execution_id);
CREATE INDEX step_parent_idx ON step (parent_id, branch_index) WHERE parent_id IS NOT NULL;

-- Execution history. One row per committed transition holds all the events that transition produced,
-- in order, as a JSON array: a Task's seven AWS events cost one row, not seven. Event ids are
-- assigned when history is read (position in (seq, array index) order), so writers never contend on
-- a per-execution counter.
CREATE TABLE history (
    execution_id uuid        NOT NULL,
    seq          bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at  timestamptz NOT NULL,
    events       jsonb       NOT NULL,
    PRIMARY KEY (execution_id, seq)
);
