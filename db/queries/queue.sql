-- Statements on queue (db/migration/V12__queues.sql) that the claim and the queue listing run. The
-- catalog's rows themselves are read and written through JPA (store.QueueSettings). Loaded by
-- io.stepwise.store.SqlStatements.

-- name: QueueEnsureRow
-- A queue's settings row, made if missing before JPA reads and updates it: two first settings of one
-- queue at once (a PUT and a resume, two replicas) would otherwise both INSERT, and one fail on the key.
-- ON CONFLICT waits for a concurrent insert of the same name to commit, then does nothing.
INSERT INTO queue (name, created_at, updated_at) VALUES (:name, :now, :now) ON CONFLICT (name) DO NOTHING;

-- name: QueueLimitedNames
-- The queues a poller must claim through QueueTakeForClaim first (read every 0.5 s at most).
SELECT name FROM queue WHERE limited;

-- name: QueueTakeForClaim
-- The first statement of a limited queue's claim: locks the queue's row until the claim commits, so the
-- claims of all replicas on this queue take turns, and refills its token bucket for the time since the
-- last claim (rate_limit tokens per rate_period_seconds, never more than rate_limit held). A clock
-- behind the last claimer's refills nothing and leaves refilled_at where it was. has_due tells a queue
-- held back by its limits (the poller asks again soon) from an empty one (it waits for work as usual).
UPDATE queue
SET tokens = CASE WHEN rate_limit IS NULL THEN NULL
                  WHEN refilled_at IS NULL OR tokens IS NULL THEN rate_limit
                  ELSE LEAST(rate_limit, tokens + GREATEST(0, EXTRACT(EPOCH FROM (:now - refilled_at)))
                                                  * rate_limit / rate_period_seconds) END,
    refilled_at = GREATEST(refilled_at, :now)
WHERE name = :queue
RETURNING paused, concurrency, tokens, rate_limit, rate_period_seconds,
          EXISTS (SELECT 1 FROM step WHERE status = 'READY' AND queue = :queue AND run_at <= :now) AS has_due;

-- name: QueueRunningCount
-- The second statement of a limited queue's claim: its RUNNING steps, counted (through step_running_idx)
-- in a snapshot taken after QueueTakeForClaim got the lock, so every claim that committed before is
-- counted; never more than the limit, so a claim reads at most that many entries. Counting rather than
-- keeping an in-flight counter: no path that ends a running step has to decrement anything.
SELECT count(*) FROM (SELECT 1 FROM step WHERE status = 'RUNNING' AND queue = :queue LIMIT :concurrency) AS running;

-- name: QueueSpendTokens
-- The last statement of a rate-limited queue's claim: one token per claimed step.
UPDATE queue SET tokens = tokens - :spent WHERE name = :queue;

-- name: QueueStepCounts
-- Per queue with steps: available (READY and due), running, scheduled (READY, due later: a Wait, a
-- delayed start), retrying (READY, due later, a Task's retry backoff). The same partial indexes as
-- StepQueueLag (step_ready_idx, step_running_idx): the cost grows with the backlog only.
SELECT queue,
       count(*) FILTER (WHERE status = 'READY' AND run_at <= :now) AS available,
       count(*) FILTER (WHERE status = 'RUNNING') AS running,
       count(*) FILTER (WHERE status = 'READY' AND run_at > :now AND kind <> 'TASK') AS scheduled,
       count(*) FILTER (WHERE status = 'READY' AND run_at > :now AND kind = 'TASK') AS retrying
FROM step
WHERE status IN ('READY', 'RUNNING') AND (CAST(:queue AS text) IS NULL OR queue = :queue)
GROUP BY queue;

-- name: QueueFailedSince
-- Executions per queue that failed or timed out since :since. No index serves it (one on status and
-- stop_date would make every finish a non-HOT update, see V5): it reads the execution table, which
-- retention keeps bounded. For people looking at queues, never for the engine.
SELECT queue, count(*) AS failed
FROM execution
WHERE status IN ('FAILED', 'TIMED_OUT') AND stop_date >= :since AND (CAST(:queue AS text) IS NULL OR queue = :queue)
GROUP BY queue;
