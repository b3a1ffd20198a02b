-- Cron schedules (docs/schedules.md): a small catalog edited by people (read and written through Spring
-- Data JPA, store.ScheduleRow), and the firing path's queue of due schedules (db/queries/schedule.sql).

-- One row per schedule. The target is a state machine (target_state_machine, target_version NULL for
-- the latest) or a job (target_job, the body a job start takes), never both.
-- next_fire_at is the next instant to fire, NULL when no fire is left (past end_at, or a cron that
-- never matches again). A replica claims due rows FOR UPDATE SKIP LOCKED, starts their executions and
-- moves next_fire_at on in the same transaction, so a fire is started once however many replicas run;
-- the execution's name (<schedule>-<fire instant>) makes a second start of the same fire a no-op.
CREATE TABLE schedule (
    name                  text        PRIMARY KEY,
    cron                  text        NOT NULL,
    timezone              text        NOT NULL,
    target_state_machine  text,
    target_version        integer     CHECK (target_version > 0),
    target_job            json,
    input                 json,
    overlap               text        NOT NULL CHECK (overlap IN ('ALLOW', 'SKIP', 'CANCEL_PREVIOUS')),
    catch_up              text        NOT NULL CHECK (catch_up IN ('NONE', 'LATEST', 'ALL')),
    paused                boolean     NOT NULL DEFAULT false,
    start_at              timestamptz,
    end_at                timestamptz,
    next_fire_at          timestamptz,
    last_fire_at          timestamptz,
    -- the execution the last fire started: what SKIP waits for and CANCEL_PREVIOUS stops
    last_execution_id     uuid,
    -- why the last fire started nothing (a missing state machine, ...); NULL after a good fire
    last_error            text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT schedule_one_target CHECK ((target_state_machine IS NULL) <> (target_job IS NULL))
);
-- The firing loop's two questions, "which are due" and "when is the next one", walk only live rows.
CREATE INDEX schedule_due_idx ON schedule (next_fire_at) WHERE NOT paused AND next_fire_at IS NOT NULL;
