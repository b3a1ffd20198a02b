-- Queues (issue 14). An execution names the queue its steps run on and their priority; every step of it
-- (first, next, Parallel/Map children, retries, redrives) is written with the execution's two values.
-- Constant defaults: adding the columns rewrites nothing, and they are in no index, so finishes stay HOT.
ALTER TABLE execution
    ADD COLUMN queue    text     NOT NULL DEFAULT 'default',
    ADD COLUMN priority smallint NOT NULL DEFAULT 0;

-- The settings of a queue, edited by people (PUT /v1/queues/{name}; store.QueueSettings through JPA).
-- A queue without a row, or with no limit and not paused, is unlimited: its steps are claimed by the one
-- set-based StepClaimReady. A limited queue's claim locks this row, so limits hold across replicas:
--   concurrency         at most this many RUNNING steps of the queue (counted through step_running_idx)
--   rate_limit/period   a token bucket of rate_limit tokens refilled over rate_period_seconds; one per claim
--   paused              nothing is claimed
-- tokens and refilled_at are the bucket's state: written by the claim only (the JPA entity leaves them out).
CREATE TABLE queue (
    name                text             PRIMARY KEY,
    concurrency         integer          CHECK (concurrency > 0),
    rate_limit          integer          CHECK (rate_limit > 0),
    rate_period_seconds integer          CHECK (rate_period_seconds > 0),
    paused              boolean          NOT NULL DEFAULT false,
    tokens              double precision,
    refilled_at         timestamptz,
    created_at          timestamptz      NOT NULL DEFAULT now(),
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    -- whether the claim must go through the queue's row (StepClaimReady refuses such a queue otherwise)
    limited             boolean          GENERATED ALWAYS AS (paused OR concurrency IS NOT NULL
                                                              OR rate_limit IS NOT NULL) STORED,
    CONSTRAINT queue_rate_whole CHECK ((rate_limit IS NULL) = (rate_period_seconds IS NULL))
);

-- A limited queue's claim counts its running steps: one short range of this index per claim. It replaces
-- step_lease_expiry_idx (lease rescue, the queue-lag sample) rather than joining it, so a claim writes no
-- more index entries than before: a separate index cost every claimed row one more entry (+9 % WAL per
-- claimed row in the drain benchmark). Lease rescue now reads all running steps' entries (at most the
-- replicas' slots) and sorts the expired ones, once per rescue interval, on the leader.
DROP INDEX step_lease_expiry_idx;
CREATE INDEX step_running_idx ON step (queue, lease_expires_at) WHERE status = 'RUNNING';
