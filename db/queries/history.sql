-- Statements on history (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: HistoryAppend
INSERT INTO history (execution_id, recorded_at, events) VALUES (:executionId, :now, CAST(:events AS json));

-- name: HistoryAppendMany
-- One history row per completion of a batch, in one statement.
INSERT INTO history (execution_id, recorded_at, events)
SELECT t.id, :now, CAST(t.events AS json)
FROM unnest(CAST(:ids AS uuid[]), string_to_array(CAST(:events AS text), E'\x1e', E'\x1f')) WITH ORDINALITY AS t(id, events, n)
ORDER BY t.n;
