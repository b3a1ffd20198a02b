package io.stepwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Replicas;
import io.stepwise.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hot path's plans must not depend on when PostgreSQL last analyzed the tables. A plan cached while
 * the tables were empty (a fresh install, or a service idling) scans whole tables: ExecutionFinishMany
 * became a nested loop over every execution per finished one, and a burst drained at 424/s instead of
 * thousands (docs/performance.md "Cached plans"). The service's connections therefore plan each execution
 * with the tables as they are ({@code plan_cache_mode = force_custom_plan}, application.yml).
 */
class HotPathPlansTest {

    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

    /** SQL literals for the parameters of the statements below, by name. */
    private static final Map<String, String> ARGUMENTS = Map.ofEntries(Map.entry("now", "now()"),
            Map.entry("dueBy", "now()"), Map.entry("owner", "'test'"), Map.entry("leaseToken", "gen_random_uuid()"),
            Map.entry("leaseExpiresAt", "now() + interval '1 minute'"), Map.entry("queue", "'default'"),
            Map.entry("limit", "64"), Map.entry("ids", "ARRAY[gen_random_uuid()]"),
            Map.entry("statuses", "ARRAY['SUCCEEDED']"), Map.entry("outputs", "'{}'"),
            Map.entry("errors", "ARRAY[NULL]::text[]"), Map.entry("causes", "ARRAY[NULL]::text[]"));

    private static ConfigurableApplicationContext replica;

    @BeforeAll
    static void start() throws Exception {
        replica = Replicas.start(TestDatabase.get().isolated("hot_path_plans"), "stepwise.worker.enabled=false");
        // The plans below depend on which statistics the planner holds; an autovacuum analyze arriving after
        // grow() (20,000 new rows are past its threshold) would invalidate the cached plan and replan with the
        // grown tables, so this database's hot tables are analyzed only when a test says so.
        try (Connection c = replica.getBean(DataSource.class).getConnection()) {
            for (String table : List.of("execution", "step", "history")) {
                execute(c, "ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
            }
        }
    }

    @AfterAll
    static void stop() {
        replica.close();
    }

    @Test
    void servicesConnectionsPlanEveryExecution() throws Exception {
        try (Connection c = replica.getBean(DataSource.class).getConnection()) {
            assertThat(single(c, "SHOW plan_cache_mode")).isEqualTo("force_custom_plan");
        }
    }

    @Test
    void aStatementPreparedOnEmptyTablesUsesTheIndexesOnceTheyAreFull() throws Exception {
        try (Connection c = replica.getBean(DataSource.class).getConnection()) {
            prepareOnEmptyTables(c);
            grow(c);
            assertThat(plan(c, "finish")).contains("Index Scan using execution_pkey on execution").doesNotContain("Seq Scan");
            assertThat(plan(c, "claim")).contains("Index Scan using step_ready_idx").doesNotContain("Seq Scan on execution");
            execute(c, "DEALLOCATE ALL");
        }
    }

    /** The same sequence under PostgreSQL's default keeps the plan of the empty tables: what the setting prevents. */
    @Test
    void underTheDefaultTheEmptyTablesPlanStays() throws Exception {
        try (Connection c = replica.getBean(DataSource.class).getConnection()) {
            execute(c, "SET plan_cache_mode TO auto");
            try {
                execute(c, "TRUNCATE execution, step, history CASCADE");
                execute(c, "ANALYZE execution; ANALYZE step");
                prepareOnEmptyTables(c);
                grow(c);
                assertThat(plan(c, "finish")).contains("Seq Scan on execution");
            } finally {
                execute(c, "DEALLOCATE ALL");
                execute(c, "SET plan_cache_mode TO force_custom_plan");
                execute(c, "TRUNCATE execution, step, history CASCADE");
            }
        }
    }

    /**
     * Statistics taken at the wrong moment: execution analyzed while every row had finished (a service
     * idle after a burst, when autovacuum comes by), then a burst of running executions arrives. The
     * planner takes {@code status = 'RUNNING'} for one row and, even with a custom plan, makes the batch
     * finish a nested loop over a sequential scan of execution (a second a batch of 300 at 40,000 rows).
     * In the transaction of a completion batch (PlanByIndexes) it is one primary-key lookup per row.
     */
    @Test
    void afterAnalyzeWhileEveryExecutionHadFinishedTheBatchFinishStillUsesThePrimaryKey() throws Exception {
        try (Connection c = replica.getBean(DataSource.class).getConnection()) {
            execute(c, "TRUNCATE execution, step, history CASCADE");
            execute(c, """
                    INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, output,
                                           start_date, stop_date)
                    SELECT gen_random_uuid(), 'm', 1, 'w' || g, 'SUCCEEDED', '{}', '{}', now(), now()
                    FROM generate_series(1, 20000) g""");
            execute(c, "ANALYZE execution");
            grow(c);
            String batch = "finish(now(), " + literal(c, "SELECT quote_literal(id::text) FROM execution WHERE status = 'RUNNING' LIMIT 300", "uuid")
                    + ", " + literal(c, "SELECT quote_literal('SUCCEEDED') FROM generate_series(1, 300)", "text")
                    + ", repeat('{}' || E'\\x1e', 299) || '{}', " + literal(c, "SELECT 'NULL' FROM generate_series(1, 300)", "text")
                    + ", " + literal(c, "SELECT 'NULL' FROM generate_series(1, 300)", "text") + ")";
            prepare(c, "finish", "ExecutionFinishMany");
            c.setAutoCommit(false);
            try {
                assertThat(explain(c, batch)).as("without PlanByIndexes: the trap").contains("Seq Scan on execution");
                execute(c, SqlStatements.get("PlanByIndexes"));
                assertThat(explain(c, batch)).contains("Index Scan using execution_pkey on execution")
                        .doesNotContain("Seq Scan");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                execute(c, "DEALLOCATE ALL");
                execute(c, "TRUNCATE execution, step, history CASCADE");
            }
        }
    }

    /** An array literal of {@code type} from the rows of {@code query}, each already a SQL literal. */
    private static String literal(Connection c, String query, String type) throws Exception {
        return single(c, "SELECT 'ARRAY[' || string_agg(x, ',') || ']::" + type + "[]' FROM (" + query + ") AS rows(x)");
    }

    private static String explain(Connection c, String call) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("EXPLAIN (COSTS OFF) EXECUTE " + call)) {
            while (r.next()) {
                plan.append(r.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static void prepareOnEmptyTables(Connection c) throws Exception {
        execute(c, "TRUNCATE execution, step, history CASCADE");
        prepare(c, "finish", "ExecutionFinishMany");
        prepare(c, "claim", "StepClaimReady");
        for (int i = 0; i < 8; i++) { // past the five custom plans after which PostgreSQL may keep a generic one
            execute(c, "EXECUTE " + call("finish", "ExecutionFinishMany"));
            execute(c, "EXECUTE " + call("claim", "StepClaimReady"));
        }
    }

    private static void grow(Connection c) throws Exception {
        execute(c, """
                INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date)
                SELECT gen_random_uuid(), 'm', 1, 'e' || g, 'RUNNING', '{}', now() FROM generate_series(1, 20000) g""");
        execute(c, """
                INSERT INTO step (execution_id, status, kind, state_name, input, run_at, created_at)
                SELECT id, 'READY', 'ENTER', 'A', '{}', now() + interval '1 hour', now() FROM execution""");
    }

    private static void prepare(Connection c, String handle, String statement) throws Exception {
        execute(c, "PREPARE " + handle + " AS " + NAMED.matcher(SqlStatements.get(statement)).replaceAll(m -> "\\$"
                + (parameters(statement).indexOf(m.group(1)) + 1)));
    }

    private static String call(String handle, String statement) {
        return handle + "(" + String.join(", ", parameters(statement).stream().map(ARGUMENTS::get).toList()) + ")";
    }

    private static List<String> parameters(String statement) {
        List<String> names = new ArrayList<>();
        Matcher m = NAMED.matcher(SqlStatements.get(statement));
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String plan(Connection c, String handle) throws Exception {
        String statement = handle.equals("finish") ? "ExecutionFinishMany" : "StepClaimReady";
        StringBuilder plan = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("EXPLAIN (COSTS OFF) EXECUTE " + call(handle, statement))) {
            while (r.next()) {
                plan.append(r.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
