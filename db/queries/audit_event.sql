-- Statements on audit_event (db/migration/V15__api_keys_and_audit.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: AuditInsertAll
-- One statement for a batch of calls (store.AuditLog's group commit); the arrays are parallel.
INSERT INTO audit_event (at, actor, method, path, status, remote_address, namespace)
SELECT * FROM unnest(CAST(:at AS timestamptz[]), CAST(:actor AS text[]), CAST(:method AS text[]),
                     CAST(:path AS text[]), CAST(:status AS int[]), CAST(:remote AS text[]),
                     CAST(:namespace AS text[]));

-- name: AuditPage
-- Newest first, keyset on (at, id) through audit_event_at_idx. Every bound is always bound (no cursor:
-- infinity and the largest id; no filter: -infinity/infinity), so the row comparison stays an index
-- condition under a generic plan. :namespaces NULL: every row (a caller bound to all namespaces);
-- otherwise only the calls made in one of them.
SELECT id, at, actor, method, path, status, remote_address, namespace FROM audit_event
WHERE (at, id) < (:beforeAt, :beforeId)
  AND (CAST(:namespaces AS text[]) IS NULL OR namespace = ANY(CAST(:namespaces AS text[])))
  AND at >= :since AND at < :until
ORDER BY at DESC, id DESC
LIMIT :limit;

-- name: AuditPageOfActor
-- As AuditPage, through audit_event_actor_idx.
SELECT id, at, actor, method, path, status, remote_address, namespace FROM audit_event
WHERE actor = :actor
  AND (CAST(:namespaces AS text[]) IS NULL OR namespace = ANY(CAST(:namespaces AS text[])))
  AND (at, id) < (:beforeAt, :beforeId)
  AND at >= :since AND at < :until
ORDER BY at DESC, id DESC
LIMIT :limit;

-- name: AuditPruneBefore
-- Retention: a bounded batch of the oldest events at a time.
DELETE FROM audit_event WHERE id IN (
    SELECT id FROM audit_event WHERE at < :cutoff ORDER BY at, id LIMIT :limit);
