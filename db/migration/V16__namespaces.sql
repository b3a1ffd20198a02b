-- Namespaces (docs/namespaces.md): a namespace scopes state machines, executions and activities; names
-- are unique per namespace, and everything there before this migration is in the namespace 'default'.
-- Constant defaults: adding the columns rewrites no table. Steps carry no namespace: a step belongs to its
-- execution, and the claim already joins the execution row, so the hot path reads one more column of a
-- row it reads anyway and writes nothing new.

-- state_machine: (namespace, name, version) is the key, so 'orders' may exist in two namespaces.
ALTER TABLE state_machine ADD COLUMN namespace text NOT NULL DEFAULT 'default';
ALTER TABLE state_machine DROP CONSTRAINT state_machine_pkey;
ALTER TABLE state_machine ADD PRIMARY KEY (namespace, name, version);

-- execution: an execution is in its state machine's namespace; its name is unique per machine there.
-- Listings of one machine keep execution_machine_newest_idx (a machine name shared by namespaces only
-- filters a few more rows). Listing all executions of the default namespace keeps execution_newest_idx,
-- which retention walks too; the other namespaces get a partial index of their own, so a default-only
-- installation writes no extra index entry per start.
ALTER TABLE execution ADD COLUMN namespace text NOT NULL DEFAULT 'default';
ALTER TABLE execution DROP CONSTRAINT execution_state_machine_name_name_key;
ALTER TABLE execution ADD CONSTRAINT execution_namespace_machine_name_key UNIQUE (namespace, state_machine_name, name);
CREATE INDEX execution_namespace_newest_idx ON execution (namespace, start_date DESC, id DESC)
    WHERE namespace <> 'default';

-- activity: unique per namespace. A task token is in its execution's namespace; the poll of an activity
-- reads the tokens of that namespace's activity only.
ALTER TABLE activity ADD COLUMN namespace text NOT NULL DEFAULT 'default';
ALTER TABLE activity DROP CONSTRAINT activity_pkey;
ALTER TABLE activity ADD PRIMARY KEY (namespace, name);
ALTER TABLE task_token ADD COLUMN namespace text NOT NULL DEFAULT 'default';
DROP INDEX task_token_activity_idx;
CREATE INDEX task_token_activity_idx ON task_token (namespace, activity, created_at)
    WHERE status = 'OPEN' AND polled_at IS NULL AND activity IS NOT NULL;

-- api_key: the namespaces a key may name ('*': all of them, for administrators).
ALTER TABLE api_key ADD COLUMN namespaces text[] NOT NULL DEFAULT '{default}';
