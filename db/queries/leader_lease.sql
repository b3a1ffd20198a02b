-- Statements on leader_lease (db/migration/V2__leader_lease.sql). Loaded by io.stepwise.store.SqlStatements.

-- name: LeaderLeaseAcquireOrRenew
-- One statement for both: inserts the first lease of a role, renews the holder's own lease, or takes
-- over an expired one. Returns no row when another holder's lease is still running. Concurrent
-- contenders serialize on the primary key, so exactly one of them wins. The term stays the same only
-- while the same holder renews an unexpired lease; a lapse (even the holder's own) starts a new term.
INSERT INTO leader_lease AS lease (role, holder, term, acquired_at, expires_at)
VALUES (:role, :holder, 1, :now, :expiresAt)
ON CONFLICT (role) DO UPDATE
SET holder      = EXCLUDED.holder,
    term        = CASE WHEN lease.holder = EXCLUDED.holder AND lease.expires_at > :now
                       THEN lease.term ELSE lease.term + 1 END,
    acquired_at = CASE WHEN lease.holder = EXCLUDED.holder AND lease.expires_at > :now
                       THEN lease.acquired_at ELSE EXCLUDED.acquired_at END,
    expires_at  = EXCLUDED.expires_at
WHERE lease.holder = EXCLUDED.holder OR lease.expires_at <= :now
RETURNING role, holder, term, acquired_at, expires_at;

-- name: LeaderLeaseResign
-- Frees the lease at once by ending it now. Only the holder's current, unexpired term can resign: a
-- stale holder must not end (or, by moving expires_at forward, revive) someone else's lease.
UPDATE leader_lease SET expires_at = :now
WHERE role = :role AND holder = :holder AND term = :term AND expires_at > :now;

-- name: LeaderLeaseByRole
SELECT role, holder, term, acquired_at, expires_at FROM leader_lease WHERE role = :role;
