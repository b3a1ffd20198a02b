-- Statements on history (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: HistoryAppend
INSERT INTO history (execution_id, recorded_at, events) VALUES (:executionId, :now, CAST(:events AS jsonb));

-- name: HistoryOfExecution
SELECT seq, recorded_at, events::text AS events FROM history WHERE execution_id = :executionId ORDER BY seq;
