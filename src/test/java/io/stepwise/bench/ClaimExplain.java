package io.stepwise.bench;

import io.stepwise.store.StatementsForBench;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the worker's claim ({@code StepClaimReady}, db/queries/step.sql) as the
 * measured application sends it, a full claim of all its slots, in a transaction that is rolled back:
 * the plan shows whether the claim stays on step_ready_idx as the queue grows.
 */
final class ClaimExplain {

    private ClaimExplain() {
    }

    static void write(BenchContext context, String when) throws Exception {
        int limit = context.workerSlots();
        String sql = claim(limit);
        Report report = context.report();
        Connection c = context.db().connection();
        c.setAutoCommit(false);
        try {
            List<List<String>> plan = context.db().rows("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql);
            report.line("EXPLAIN ANALYZE of the claim (`StepClaimReady`, LIMIT " + limit + "), " + when + ":");
            report.line("");
            report.line("```");
            plan.forEach(row -> report.line(row.get(0)));
            report.line("```");
            report.line("");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The claim's text with literals for its parameters: the default queue, due now, leased for a minute. */
    static String claim(int limit) {
        return NamedParameters.inline(StatementsForBench.get("StepClaimReady"), Map.of("queue", "'default'", "underLock", "false",
                "dueBy", "now()", "limit", String.valueOf(limit), "owner", "'explain'",
                "leaseToken", "gen_random_uuid()", "leaseExpiresAt", "now() + interval '60 seconds'"));
    }
}
