-- A step waiting for the answer to its task token (kind CALLBACK) now waits as WAITING, not READY:
-- thousands of them in step_ready_idx, each with a far run_at, made every claim that found few due
-- steps walk past all of them (3.8 ms per claim over 10,000 waiting activity tasks; the index cannot
-- bound run_at while priority is unconstrained). An answer makes the step READY at once; the
-- maintenance leader makes READY those whose deadline (run_at) passed, through this index.
CREATE INDEX step_callback_due_idx ON step (run_at) WHERE status = 'WAITING' AND kind = 'CALLBACK';
UPDATE step SET status = 'WAITING' WHERE status = 'READY' AND kind = 'CALLBACK' AND run_at > now();
