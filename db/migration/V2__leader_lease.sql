-- Leader leases: at most one replica at a time holds each background role (today only 'maintenance':
-- lease rescue, timeouts, retention). Forward-only.
--
-- A lease is held until expires_at; the holder renews it well before then, and any replica may take
-- it over once it has expired. Every replica compares expires_at with its own clock, so leases must
-- be much longer than the clock skew between replicas (seconds versus milliseconds).
CREATE TABLE leader_lease (
    role        text        PRIMARY KEY,
    -- unique per running process (host/pid/random), so a restarted replica is a new holder
    holder      text        NOT NULL,
    -- grows by one whenever the lease changes hands or lapses: a fencing token for the holder's writes
    -- and a way to tell terms apart in logs. Resigning keeps the row (and the term) for that reason.
    term        bigint      NOT NULL CHECK (term > 0),
    acquired_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
