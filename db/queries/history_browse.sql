-- Reading history a page at a time (db/migration/V1__core_schema.sql). Loaded by io.stepwise.store.SqlStatements.
-- Rows are fetched a few at a time from a (seq) position; event ids are counted from there.

-- name: HistoryRowsFrom
SELECT seq, recorded_at, events::text AS events FROM history
WHERE execution_id = :executionId AND seq >= :fromSeq
ORDER BY seq
LIMIT :limit;

-- name: HistoryRowsDownFrom
SELECT seq, recorded_at, events::text AS events FROM history
WHERE execution_id = :executionId AND seq <= :fromSeq
ORDER BY seq DESC
LIMIT :limit;

-- name: HistoryEventCount
-- Reverse paging numbers events from the end, so it needs the total once, on its first page.
SELECT coalesce(sum(json_array_length(events)), 0) FROM history WHERE execution_id = :executionId;
