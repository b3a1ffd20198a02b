-- Statements that steer PostgreSQL's planner for the transaction they run in. Loaded by
-- io.stepwise.store.SqlStatements.

-- name: PlanByIndexes
-- For the rest of this transaction, a sequential scan is the plan of last resort. The hot path's
-- statements (claims, completions) reach their rows through primary keys and partial indexes, and that
-- is the right plan whatever pg_statistic says; but statistics taken at the wrong moment (execution
-- analyzed while every row had finished: `status = 'RUNNING'` then looks like one row) made
-- ExecutionFinishMany a nested loop over a sequential scan, 1,086 ms per batch of 300 instead of 4 ms
-- (docs/performance.md, "Statistics taken at the wrong moment"; HotPathPlansTest).
SET LOCAL enable_seqscan TO off;
