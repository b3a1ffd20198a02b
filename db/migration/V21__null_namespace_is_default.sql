-- A NULL namespace means 'default' to every SQL door: stepwise.enqueue_job and submit_jobs already read it
-- so (V18), while enqueue_jobs refused it through this check. The check now refuses only a malformed
-- name; the doors turn NULL into 'default' themselves.
CREATE OR REPLACE FUNCTION stepwise.namespace_refusal(namespace text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN namespace !~ '^[a-z0-9][a-z0-9-]{0,62}$'
                THEN 'namespace must be 1 to 63 of a-z 0-9 -, starting with a letter or digit, got '''
                     || namespace || '''' END
$$;
