-- Statements on schedule (db/migration/V14__schedules.sql) for the firing path; the catalog itself is
-- read and written through JPA (store.ScheduleRepository). Loaded by io.stepwise.store.SqlStatements.

-- name: ScheduleClaimDue
-- The due schedules no other replica is firing right now, earliest first; the locks last until the
-- transaction that fires them and moves next_fire_at on commits.
SELECT namespace, name, cron, timezone, target_state_machine, target_version, target_job, input, overlap, catch_up,
       start_at, end_at, next_fire_at, last_fire_at, last_execution_id
FROM schedule
WHERE NOT paused AND next_fire_at IS NOT NULL AND next_fire_at <= :now
ORDER BY next_fire_at
LIMIT :limit
FOR UPDATE SKIP LOCKED;

-- name: ScheduleFired
UPDATE schedule
SET next_fire_at = :nextFireAt, last_fire_at = :lastFireAt, last_execution_id = :lastExecutionId,
    last_error = :lastError
WHERE namespace = :namespace AND name = :name;

-- name: ScheduleNextDue
-- When the firing loop has to look again: the earliest next fire of any live schedule.
SELECT next_fire_at FROM schedule WHERE NOT paused AND next_fire_at IS NOT NULL ORDER BY next_fire_at LIMIT 1;
