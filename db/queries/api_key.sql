-- Statements on api_key (db/migration/V15__api_keys_and_audit.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: ApiKeyInsert
INSERT INTO api_key (id, prefix, hash, name, role, created_at, created_by, namespaces)
VALUES (:id, :prefix, :hash, :name, :role, :now, :createdBy, CAST(:namespaces AS text[]));

-- name: ApiKeyByPrefix
-- The authentication lookup (through the prefix's unique index); the caller compares the hash itself,
-- in constant time, and refuses a revoked key.
SELECT id, prefix, hash, name, role, created_at, created_by, revoked_at, namespaces FROM api_key WHERE prefix = :prefix;

-- name: ApiKeyById
SELECT id, prefix, hash, name, role, created_at, created_by, revoked_at, namespaces FROM api_key WHERE id = :id;

-- name: ApiKeyList
SELECT id, prefix, hash, name, role, created_at, created_by, revoked_at, namespaces FROM api_key ORDER BY created_at, id;

-- name: ApiKeyRevoke
-- Idempotent: revoking a revoked key keeps its first revocation time.
UPDATE api_key SET revoked_at = COALESCE(revoked_at, :now) WHERE id = :id
RETURNING id, prefix, hash, name, role, created_at, created_by, revoked_at, namespaces;
