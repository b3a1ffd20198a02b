-- Authentication and audit (docs/security.md).
--
-- api_key: keys for Authorization: Bearer sw_<prefix>_<secret>. Only the SHA-256 of the whole key is
-- kept (the keys are 256-bit random values, so a fast hash is enough: there is nothing to guess from a
-- stolen hash), beside the public prefix that finds the row in one index lookup. A revoked key keeps its
-- row, so the audit trail can still name it. role is one of the four roles of security.Role.
CREATE TABLE api_key (
    id          uuid        PRIMARY KEY,
    prefix      text        NOT NULL UNIQUE,
    hash        bytea       NOT NULL,
    name        text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('reader', 'operator', 'admin', 'worker')),
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    revoked_at  timestamptz
);

-- audit_event: one row per mutating call (POST, PUT, PATCH, DELETE), refused ones included: who (an API
-- key's prefix, a JWT's subject, the bootstrap key), when, what (method, the path template, the status)
-- and from where. Never a payload. Read newest first by the admins (GET /v1/audit), pruned by the
-- retention task (stepwise.retention.audit).
CREATE TABLE audit_event (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    method         text        NOT NULL,
    path           text        NOT NULL,
    status         int         NOT NULL,
    remote_address text
);
-- the listing (newest first) and the pruning (oldest first) walk this one
CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC);
-- the listing filtered by actor
CREATE INDEX audit_event_actor_idx ON audit_event (actor, at DESC, id DESC);
