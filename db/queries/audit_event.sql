-- Statements on audit_event (db/migration/V15__api_keys_and_audit.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: AuditInsertAll
-- One statement for a batch of calls (store.AuditLog's group commit); the arrays are parallel.
INSERT INTO audit_event (at, actor, method, path, status, remote_address, namespace)
SELECT * FROM unnest(CAST(:at AS timestamptz[]), CAST(:actor AS text[]), CAST(:method AS text[]),
                     CAST(:path AS text[]), CAST(:status AS int[]), CAST(:remote AS text[]),
                     CAST(:namespace AS text[]));

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
