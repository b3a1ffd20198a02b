package io.stepwise.bench;

import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * (f) Fan-out: one Map execution over bench.map.items items, timed from its start to SUCCEEDED, once per
 * MaxConcurrency of bench.map.concurrency; items/s set against the drain (b) of the same run, since on a
 * shared machine only ratios within one run compare. Also reports how often the parent step's row was
 * updated (pg_stat_statements calls of the counting statement), the hot spot this scenario watches.
 */
final class FanOutScenario extends Scenario {

    FanOutScenario(BenchContext context) {
        super(context);
    }

    /** @param drainMedian executions/s of (b) in this run, or null when it did not run */
    void run(Double drainMedian) throws Exception {
        int items = settings.mapItems;
        report.line("## (f) Fan-out: Map over " + Stats.fmt(items, 0) + " items, item = one Task (stepwise:echo)");
        report.line("");
        // item i is i, so the output shows the order; beyond 30,000 items that output would pass the 256 KB
        // payload limit (States.DataLimitExceeded, as on AWS), so items repeat 0…9 and the output stays under it
        int modulus = items <= 30_000 ? items : 10;
        ObjectNode input = Json.NODES.objectNode();
        var array = input.putArray("items");
        for (int i = 0; i < items; i++) {
            array.add(i % modulus);
        }
        List<String> rows = new ArrayList<>();
        try (BenchApp app = context.startApp(true)) {
            Executions executions = app.bean(Executions.class);
            for (int concurrency : settings.mapConcurrencies) {
                rows.add(runMap(executions, concurrency, input, items, modulus, drainMedian));
            }
        }
        report.line("| MaxConcurrency | seconds (start to SUCCEEDED) | items/s | items/s ÷ drain (b) of this run |");
        report.line("|---:|---:|---:|---:|");
        rows.forEach(report::line);
        report.line("");
        db.truncate();
    }

    private String runMap(Executions executions, int concurrency, ObjectNode input, int items, int modulus,
            Double drainMedian)
            throws Exception {
        PgStatStatements statements = context.statements();
        List<Double> seconds = new ArrayList<>();
        for (int rep = -1; rep < settings.reps; rep++) {
            // no TRUNCATE here: it would deadlock with the running poller; one execution per run is small
            db.exec("CHECKPOINT");
            statements.reset();
            long t0 = System.nanoTime();
            ExecutionRecord e = executions.start(Workflows.map(concurrency), null, null, input).execution();
            WaitUntil.done(() -> !executions.find(e.id()).orElseThrow().status().name().equals("RUNNING"), 900, 20);
            double s = (System.nanoTime() - t0) / 1e9;
            ExecutionRecord done = executions.find(e.id()).orElseThrow();
            if (!done.status().name().equals("SUCCEEDED") || done.output().size() != items) {
                throw new IllegalStateException("Map ended " + done.status() + " " + done.error() + " " + done.cause());
            }
            for (int i = 0; i < items; i++) {
                if (done.output().get(i).asInt() != i % modulus) {
                    throw new IllegalStateException("result " + i + " is " + done.output().get(i) + ": out of item order");
                }
            }
            if (rep >= 0) {
                seconds.add(s);
                report.line("(f) MaxConcurrency " + concurrency + " rep " + rep + ": " + Stats.fmt(items / s, 0) + " items/s");
            }
        }
        if (statements.available()) {
            report.line("");
            report.line("pg_stat_statements of the last run with MaxConcurrency " + concurrency
                    + " (per item = per Map iteration):");
            report.line("");
            report.line("| calls per item | mean ms | total ms | rows per call | statement |");
            report.line("|---:|---:|---:|---:|---|");
            List<List<String>> top = statements.top();
            for (List<String> st : top.subList(0, Math.min(12, top.size()))) {
                report.line("| " + Stats.fmt(Double.parseDouble(st.get(0)) / items, 3) + " | " + st.get(1) + " | " + st.get(2)
                        + " | " + st.get(3) + " | `" + st.get(4) + "` |");
            }
            report.line("");
        }
        List<Double> rates = seconds.stream().map(s -> items / s).toList();
        String ratio = drainMedian == null ? "(drain not run)"
                : Stats.spread(rates.stream().map(r -> r / drainMedian).toList(), 2);
        return "| " + concurrency + " | " + Stats.spread(seconds, 2) + " | " + Stats.spread(rates, 0) + " | " + ratio + " |";
    }
}
