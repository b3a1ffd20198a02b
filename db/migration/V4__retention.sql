-- Retention prunes the oldest finished executions first (db/queries/execution.sql, ExecutionPruneFinished).
CREATE INDEX execution_finished_idx ON execution (stop_date) WHERE stop_date IS NOT NULL;
