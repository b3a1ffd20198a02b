package io.stepwise.bench;

import static io.stepwise.bench.Workflows.MAP;

import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** (f) Fan-out: one Map execution over bench.map.items items, timed from its start to SUCCEEDED. */
final class FanOutScenario extends Scenario {

    FanOutScenario(BenchContext context) {
        super(context);
    }

    void run() throws Exception {
        PgStatStatements statements = context.statements();
        int items = settings.mapItems;
        report.line("## (f) Fan-out: Map over " + Stats.fmt(items, 0) + " items, MaxConcurrency " + settings.mapConcurrency
                + ", item = one Task (stepwise:echo)");
        report.line("");
        List<Double> seconds = new ArrayList<>();
        ObjectNode input = Json.NODES.objectNode();
        var array = input.putArray("items");
        for (int i = 0; i < items; i++) {
            array.add(i);
        }
        try (BenchApp app = context.startApp(true)) {
            Executions executions = app.bean(Executions.class);
            for (int rep = -1; rep < settings.reps; rep++) {
                // no TRUNCATE here: it would deadlock with the running poller; one execution per run is small
                db.exec("CHECKPOINT");
                statements.reset();
                long t0 = System.nanoTime();
                ExecutionRecord e = executions.start(MAP, null, null, input).execution();
                WaitUntil.done(() -> !executions.find(e.id()).orElseThrow().status().name().equals("RUNNING"), 600, 20);
                double s = (System.nanoTime() - t0) / 1e9;
                ExecutionRecord done = executions.find(e.id()).orElseThrow();
                if (!done.status().name().equals("SUCCEEDED") || done.output().size() != items) {
                    throw new IllegalStateException("Map ended " + done.status() + " " + done.error() + " " + done.cause());
                }
                if (rep >= 0) {
                    seconds.add(s);
                }
            }
        }
        if (statements.available()) {
            report.line("pg_stat_statements of the last run (per item = per Map iteration):");
            report.line("");
            report.line("| calls per item | mean ms | total ms | rows per call | statement |");
            report.line("|---:|---:|---:|---:|---|");
            List<List<String>> top = statements.top();
            for (List<String> st : top.subList(0, Math.min(10, top.size()))) {
                report.line("| " + Stats.fmt(Double.parseDouble(st.get(0)) / items, 3) + " | " + st.get(1) + " | " + st.get(2)
                        + " | " + st.get(3) + " | `" + st.get(4) + "` |");
            }
            report.line("");
        }
        report.line("| seconds (start to SUCCEEDED) | items/s |");
        report.line("|---:|---:|");
        report.line("| " + Stats.spread(seconds, 2) + " | " + Stats.spread(seconds.stream().map(s -> items / s).toList(), 0) + " |");
        report.line("");
        db.truncate();
    }
}
