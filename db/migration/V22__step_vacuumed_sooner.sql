-- The step table is a queue: every claim leaves a dead row version behind, and its index entries stay
-- at the head of step_ready_idx, where every later claim starts its scan, until a vacuum removes them.
-- By default autovacuum waits for dead rows to reach 20 % of the table, so the deeper the backlog the
-- longer the head stays littered: in a 20-minute soak with millions of ready steps, dead rows reached
-- 1-3.7 million between vacuums and a claim of 400 steps took 32 ms instead of 10 (docs/performance.md).
-- Here a vacuum starts once 20,000 rows are dead, whatever the table's size, and runs without the cost
-- delay (autovacuum still visits each database at most once per autovacuum_naptime, a server setting).
-- The hot path does not depend on this: its plans are fixed (planner.sql), only its speed in a deep
-- backlog does.
ALTER TABLE step SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
                      autovacuum_vacuum_cost_delay = 0);
