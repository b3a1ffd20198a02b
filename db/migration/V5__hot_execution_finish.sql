-- Finishing an execution should be a HOT update: no index entry written, only the heap tuple. Before
-- this, the end of every execution wrote a new entry into all six indexes of the table, because
-- `status` sat in the predicate of execution_timeout_idx and `stop_date` was indexed for retention;
-- it was the most expensive statement of a drain (see docs/performance.md).
-- * The timeout index no longer mentions status; a finished execution's timeout_at is cleared (NULL to
--   NULL for the many executions without a timeout, which keeps their finish HOT).
-- * Retention walks start_date (execution_newest_idx) instead of a stop_date index.
-- * Free space on every page lets the updated tuple stay on its page.
DROP INDEX execution_timeout_idx;
DROP INDEX execution_finished_idx;
UPDATE execution SET timeout_at = NULL WHERE status <> 'RUNNING' AND timeout_at IS NOT NULL;
CREATE INDEX execution_timeout_idx ON execution (timeout_at) WHERE timeout_at IS NOT NULL;
ALTER TABLE execution SET (fillfactor = 90);

-- A finishing Map iteration promotes the next BLOCKED sibling (StepPromoteBlockedChild). Through
-- step_parent_idx that walked past every finished sibling kept for the join: 1.9 ms per item at
-- 10,000 items. Only the blocked ones here, in promotion order.
CREATE INDEX step_blocked_idx ON step (parent_id, branch_index) WHERE status = 'BLOCKED';
