package io.stepwise.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.stepwise.asl.Json;
import io.stepwise.store.StateMachines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * (m) Timers on time, measured as a user would: executions of a 2 s Wait started over HTTP at a steady
 * pace (one every {@code bench.latency.interval-ms}) on a running worker, so their timers fall due one by
 * one while the service is otherwise idle. Lateness = when the Wait was left minus when it was entered
 * minus 2 s, from the history rows' times (the database's clock on both sides).
 */
final class TimersScenario extends Scenario {

    private static final String NAP = "bench-nap";
    private static final int WAIT_SECONDS = 2;
    /** Executions of the discarded warm-up: 10 s at the default pace, so the JIT is past the start path. */
    private static final int WARM_UP = 1000;

    TimersScenario(BenchContext context) {
        super(context);
    }

    void run() throws Exception {
        int intervalMs = settings.latencyIntervalMs;
        int count = settings.latencySeconds * 1000 / intervalMs;
        report.line("## (m) Timers: a " + WAIT_SECONDS + " s Wait, " + count + " executions started over HTTP, one every "
                + intervalMs + " ms");
        report.line("");
        report.line("Lateness of the Wait's end from the history rows' times (left − entered − " + WAIT_SECONDS + " s).");
        report.line("");
        report.line("| run | p50 ms | p95 ms | p99 ms | max ms | Wait steps claimed ≤ 5 / ≤ 10 / ≤ 25 ms after due |");
        report.line("|---|---:|---:|---:|---:|---|");
        db.truncate();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> p99s = new ArrayList<>();
        try (BenchApp app = context.startApp(true)) {
            app.bean(StateMachines.class).register(NAP, Json.parse("{\"StartAt\": \"Nap\", \"States\": {\"Nap\": "
                    + "{\"Type\": \"Wait\", \"Seconds\": " + WAIT_SECONDS + ", \"End\": true}}}"), "benchmark");
            URI uri = URI.create("http://127.0.0.1:" + app.port() + "/v1/executions");
            HttpRequest start = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stateMachine\":\"" + NAP + "\",\"input\":{}}")).build();
            for (int rep = -1; rep < settings.reps; rep++) {
                db.truncate();
                int n = rep < 0 ? Math.min(count, WARM_UP) : count;
                double[] pickedUpBefore = waitPickups(app);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = t0 + (long) i * intervalMs * 1_000_000;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    if (http.send(start, HttpResponse.BodyHandlers.discarding()).statusCode() != 201) {
                        throw new IllegalStateException("a start was not answered 201");
                    }
                }
                WaitUntil.done(() -> db.longValue("SELECT count(*) FROM execution WHERE status = 'SUCCEEDED'") >= n, 120, 50);
                if (rep < 0) {
                    continue; // warm-up, discarded
                }
                List<Double> late = new ArrayList<>();
                for (List<String> row : db.rows("""
                        SELECT (extract(epoch FROM max(h.recorded_at) FILTER (WHERE e->>'t' = 'WaitStateExited')
                                - min(h.recorded_at) FILTER (WHERE e->>'t' = 'WaitStateEntered')) * 1000) - %d
                        FROM history h, json_array_elements(h.events) e GROUP BY h.execution_id ORDER BY 1"""
                        .formatted(WAIT_SECONDS * 1000))) {
                    late.add(Double.parseDouble(row.get(0)));
                }
                p99s.add(Stats.percentile(late, 99));
                report.line("| " + (rep + 1) + " | " + Stats.fmt(Stats.percentile(late, 50), 1) + " | "
                        + Stats.fmt(Stats.percentile(late, 95), 1) + " | " + Stats.fmt(Stats.percentile(late, 99), 1) + " | "
                        + Stats.fmt(late.getLast(), 1) + " | " + pickupShares(pickedUpBefore, waitPickups(app)) + " |");
            }
        }
        report.line("");
        report.line("Median p99: " + Stats.fmt(Stats.median(p99s), 1) + " ms.");
        report.line("");
        db.truncate();
    }

    /**
     * The worker's own histogram of Wait pickups (claim minus due time, {@code stepwise.step.pickup.latency}):
     * how much of the lateness is waking and claiming, the rest being the run and the commit.
     * @return the count, then cumulative counts at or under 5, 10 and 25 ms
     */
    private static double[] waitPickups(BenchApp app) {
        Timer timer = app.bean(MeterRegistry.class).find("stepwise.step.pickup.latency").tag("kind", "wait").timer();
        if (timer == null) {
            return new double[4];
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double[] counts = {snapshot.count(), 0, 0, 0};
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            double ms = bucket.bucket(TimeUnit.MILLISECONDS);
            if (ms == 5) {
                counts[1] = bucket.count();
            } else if (ms == 10) {
                counts[2] = bucket.count();
            } else if (ms == 25) {
                counts[3] = bucket.count();
            }
        }
        return counts;
    }

    private static String pickupShares(double[] before, double[] after) {
        double n = after[0] - before[0];
        if (n == 0) {
            return "–";
        }
        return Stats.fmt(100 * (after[1] - before[1]) / n, 1) + " % / " + Stats.fmt(100 * (after[2] - before[2]) / n, 1)
                + " % / " + Stats.fmt(100 * (after[3] - before[3]) / n, 1) + " %";
    }
}
