package io.stepwise.bench;

import static io.stepwise.bench.Workflows.FIVE;
import static io.stepwise.bench.Workflows.TASK;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows written in one statement instead of through the API, so that a drain of 100,000 or a backlog of
 * 1,000,000 is seeded in seconds; {@link #checkMatchesApi} proves they equal what the API writes.
 */
final class Seeding {

    /** A time-ordered UUID (version 7) for the given epoch milliseconds, as the service's ids are. */
    private static final String UUID7 = """
            CREATE OR REPLACE FUNCTION pg_temp.bench_uuid7(ms bigint) RETURNS uuid LANGUAGE sql VOLATILE AS $$
              SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(ms) FROM 3)
                     FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$""";

    private final BenchDb db;
    private final Workflows workflows;

    Seeding(BenchDb db, Workflows workflows) {
        this.db = db;
        this.workflows = workflows;
    }

    /** n started executions of the machine exactly as Executions.start writes them: execution row + READY ENTER step of StartAt. */
    void started(String machine, String prefix, int n) throws SQLException {
        db.exec(UUID7);
        db.exec("""
                WITH e AS (
                  INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date, timeout_at)
                  SELECT pg_temp.bench_uuid7((extract(epoch FROM clock_timestamp()) * 1000)::bigint), '%s', %d, '%s' || g,
                         'RUNNING', %s, now(), NULL
                  FROM generate_series(1, %d) g
                  RETURNING id, input, start_date)
                INSERT INTO step (execution_id, parent_id, branch_index, queue, priority, status, kind, state_name, input,
                                  state_data, run_at, created_at)
                SELECT id, NULL, NULL, 'default', 0, 'READY', 'ENTER', '%s', input, NULL, start_date, start_date FROM e
                """.formatted(machine, workflows.version(machine), prefix, inputSql(machine), n, workflows.startAt(machine)));
    }

    private static String inputSql(String machine) {
        return machine.equals(FIVE) ? "jsonb_build_object('go', true, 'n', g)" : "jsonb_build_object('n', g)";
    }

    /** n finished executions as a drained one-Task run leaves them: execution row SUCCEEDED + its history row. */
    void finished(int n, String historyTemplate) throws SQLException {
        db.exec(UUID7);
        db.exec("""
                WITH e AS (
                  INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, output,
                                         start_date, stop_date, timeout_at)
                  SELECT pg_temp.bench_uuid7((extract(epoch FROM clock_timestamp()) * 1000)::bigint - 3600000), '%s', %d,
                         'k-' || g, 'SUCCEEDED', jsonb_build_object('n', g), jsonb_build_object('n', g),
                         now() - interval '1 hour', now() - interval '1 hour' + interval '5 ms', NULL
                  FROM generate_series(1, %d) g
                  RETURNING id, stop_date)
                INSERT INTO history (execution_id, recorded_at, events)
                SELECT id, stop_date, '%s'::jsonb FROM e
                """.formatted(TASK, workflows.version(TASK), n, historyTemplate.replace("'", "''")));
    }

    /** The generated rows must equal what the Java API writes, column for column (ids and times aside). */
    void checkMatchesApi(BenchApp app) throws SQLException {
        db.truncate();
        for (String machine : List.of(TASK, FIVE)) {
            ObjectNode input = Json.NODES.objectNode();
            if (machine.equals(FIVE)) {
                input.put("go", true);
            }
            input.put("n", 1);
            app.bean(Executions.class).start(machine, null, "api-1", input);
            started(machine, "sql-", 1);
            String exec = "SELECT (to_jsonb(e) - 'id' - 'name' - 'start_date')::text FROM execution e WHERE state_machine_name = '"
                    + machine + "' AND name = '%s'";
            String step = "SELECT (to_jsonb(s) - 'id' - 'execution_id' - 'run_at' - 'created_at')::text FROM step s "
                    + "JOIN execution e ON e.id = s.execution_id WHERE e.state_machine_name = '" + machine + "' AND e.name = '%s'";
            for (String q : List.of(exec, step)) {
                String api = db.string(q.formatted("api-1")), sql = db.string(q.formatted("sql-1"));
                if (!api.equals(sql)) {
                    throw new IllegalStateException("seeded rows differ from Executions.start's:\n api: " + api + "\n sql: " + sql);
                }
            }
        }
        db.truncate();
    }
}
