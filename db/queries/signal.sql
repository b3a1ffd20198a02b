-- Notifications between replicas (no table). Loaded by io.stepwise.store.SqlStatements.

-- name: SignalNotify
SELECT pg_notify(:channel, :payload);
