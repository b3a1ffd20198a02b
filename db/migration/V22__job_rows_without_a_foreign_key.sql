-- job.execution_id no longer references execution. The foreign key ran a trigger for every new job row
-- that looked up and row-locked its execution: 4.5 µs of PostgreSQL's CPU per job, about an eighth of a
-- batch submission (docs/performance.md, ninth session). It guarded nothing the writers do not: the only
-- writer of job rows, stepwise.submit_jobs, inserts each one in the statement that inserts its
-- execution, and the only delete of executions, retention (ExecutionPruneFinished), deletes their job
-- rows in the same statement. job_unique_key keeps its key: it is written before its execution and
-- checked at commit, and it is only written for jobs that have a unique key.
ALTER TABLE job DROP CONSTRAINT job_execution_id_fkey;
