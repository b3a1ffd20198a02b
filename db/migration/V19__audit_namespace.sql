-- The namespace a mutating call named (its Stepwise-Namespace header; 'default' without one; NULL when the
-- header was not a namespace at all), so that an admin bound to some namespaces reads only their calls:
-- the audit trail must not tell team-a that team-b exists (docs/namespaces.md). Rows from before are
-- NULL, readable by callers bound to every namespace only. No index: the trail is read a page at a time
-- through audit_event_at_idx, and the namespace is checked on each row as the walk goes.
ALTER TABLE audit_event ADD COLUMN namespace text;
