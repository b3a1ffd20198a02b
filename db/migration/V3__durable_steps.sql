-- The durable engine's step lifecycle (see docs/state-machine.md).
--
-- kind says how a claimed step resumes the interpreter:
--   ENTER   enter state_name with input (a start, a child's first state, a yield after many in-line states)
--   TASK    run the Task state_name again after a retry backoff (state_data holds the scheduled call)
--   WAIT    leave the Wait state_name (run_at is the end of the wait; state_data holds its output)
--   FAN_IN  every child of the Parallel/Map state_name is done: join their results
-- BLOCKED children wait for a MaxConcurrency slot; a finishing sibling promotes the next one to READY
-- in the same transaction, so the limit holds across replicas.
ALTER TABLE step DROP CONSTRAINT step_status_check;
ALTER TABLE step ADD CONSTRAINT step_status_check
    CHECK (status IN ('READY', 'RUNNING', 'WAITING', 'BLOCKED', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
ALTER TABLE step ADD COLUMN kind text NOT NULL DEFAULT 'ENTER'
    CHECK (kind IN ('ENTER', 'TASK', 'WAIT', 'FAN_IN'));
-- a WAITING parent counts its failed children, to apply ToleratedFailureCount/Percentage
ALTER TABLE step ADD COLUMN failed_children integer;
-- a finished child keeps its error for the parent's join
ALTER TABLE step ADD COLUMN error text;
ALTER TABLE step ADD COLUMN cause text;
