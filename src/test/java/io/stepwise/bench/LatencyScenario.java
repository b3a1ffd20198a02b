package io.stepwise.bench;

import static io.stepwise.bench.Workflows.PROBE;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * (c) Pickup latency: one execution of the probe workflow every interval, timed from before
 * {@code Executions.start} to the first line of its handler ({@link BenchApp#PROBE_STARTS}).
 */
final class LatencyScenario extends Scenario {

    LatencyScenario(BenchContext context) {
        super(context);
    }

    void run() throws Exception {
        int intervalMs = settings.latencyIntervalMs;
        report.line("## (c) Pickup latency: one execution every " + intervalMs + " ms for " + settings.latencySeconds + " s");
        report.line("");
        report.line("Submit-to-handler-start: System.nanoTime() before `Executions.start` (so the start's own commit is "
                + "included) to the first line of the `bench:probe` handler, in the same JVM as the worker.");
        report.line("");
        db.truncate();
        List<Double> p50 = new ArrayList<>(), p95 = new ArrayList<>(), p99 = new ArrayList<>(), max = new ArrayList<>();
        long notStarted = 0;
        try (BenchApp app = context.startApp(true)) {
            Executions executions = app.bean(Executions.class);
            for (int rep = -1; rep < settings.reps; rep++) {
                int count = rep < 0 ? 2000 / intervalMs : settings.latencySeconds * 1000 / intervalMs;
                BenchApp.PROBE_STARTS.clear();
                long[] submitted = new long[count];
                Thread.sleep(2000);
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long due = start + (long) i * intervalMs * 1_000_000;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    submitted[i] = System.nanoTime();
                    executions.start(PROBE, null, null, Json.NODES.objectNode().put("i", i));
                }
                // a probe that has not started 10 s after the last submission is counted, not waited for
                long waitUntil = System.nanoTime() + 10_000_000_000L;
                while (BenchApp.PROBE_STARTS.size() < count && System.nanoTime() < waitUntil) {
                    Thread.sleep(10);
                }
                if (rep < 0) {
                    continue;
                }
                List<Double> lat = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Long started = BenchApp.PROBE_STARTS.get(i);
                    if (started == null) {
                        notStarted++;
                    } else {
                        lat.add((started - submitted[i]) / 1e6);
                    }
                }
                lat.sort(null);
                p50.add(Stats.percentile(lat, 50));
                p95.add(Stats.percentile(lat, 95));
                p99.add(Stats.percentile(lat, 99));
                max.add(lat.get(lat.size() - 1));
            }
        }
        report.line("| p50 ms | p95 ms | p99 ms | max ms | not started within 10 s |");
        report.line("|---:|---:|---:|---:|---:|");
        report.line("| " + Stats.spread(p50, 1) + " | " + Stats.spread(p95, 1) + " | " + Stats.spread(p99, 1) + " | "
                + Stats.spread(max, 1) + " | " + notStarted + " |");
        report.line("");
        db.truncate();
    }
}
