-- Statements on audit_event (db/migration/V15__api_keys_and_audit.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: AuditCopyIn
-- A batch of calls (store.AuditLog's group commit) as COPY text rows, one per call, columns in this order.
-- COPY rather than INSERT ... SELECT FROM unnest(arrays): no array literal to build in Java and parse
-- here, and PostgreSQL writes a page's rows as one WAL record instead of one per row. On every
-- mutating call this is what authentication costs the database (docs/performance.md, "Security").
COPY audit_event (at, actor, method, path, status, remote_address, namespace) FROM STDIN;

-- name: AuditPage
-- Newest first, keyset on (at, id): a backward walk of audit_event_at_idx (V20), the only index. Every bound
-- is always bound (no cursor: infinity and the largest id; no filter: -infinity/infinity), so the row
-- comparison stays an index condition under a generic plan. :actor NULL: everyone's calls. :namespaces
-- NULL: every row (a caller bound to all namespaces); otherwise only the calls made in one of them. Both
-- filters are checked on each row of the walk: a page for a rare actor reads further back, which is
-- what since/until bound.
SELECT id, at, actor, method, path, status, remote_address, namespace FROM audit_event
WHERE (at, id) < (:beforeAt, :beforeId)
  AND (CAST(:actor AS text) IS NULL OR actor = CAST(:actor AS text))
  AND (CAST(:namespaces AS text[]) IS NULL OR namespace = ANY(CAST(:namespaces AS text[])))
  AND at >= :since AND at < :until
ORDER BY at DESC, id DESC
LIMIT :limit;

-- name: AuditPruneBefore
-- Retention: a bounded batch of the oldest events at a time, found on audit_event_at_idx and deleted by
-- their row addresses (a TID scan: id has no index since V20).
DELETE FROM audit_event WHERE ctid = ANY(ARRAY(
    SELECT ctid FROM audit_event WHERE at < :cutoff ORDER BY at, id LIMIT :limit));
