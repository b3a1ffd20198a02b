-- Read by the maintenance leader only (observability.QueueLagSampler), every few seconds, never per scrape.

-- name: StepQueueLag
-- Per queue: steps due and waiting for a worker, steps running, steps READY but not due yet (a Wait state
-- or a retry backoff), and when the oldest due step fell due. Only READY and RUNNING rows are read, and
-- both statuses have partial indexes (step_ready_idx, step_running_idx), so the cost grows with the
-- backlog, not with the kept rows of finished work.
SELECT queue,
       count(*) FILTER (WHERE status = 'READY' AND run_at <= :now) AS ready,
       count(*) FILTER (WHERE status = 'RUNNING') AS running,
       count(*) FILTER (WHERE status = 'READY' AND run_at > :now) AS waiting,
       min(run_at) FILTER (WHERE status = 'READY' AND run_at <= :now) AS oldest_ready
FROM step
WHERE status IN ('READY', 'RUNNING')
GROUP BY queue;
