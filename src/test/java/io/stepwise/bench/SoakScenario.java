package io.stepwise.bench;

import static io.stepwise.bench.Workflows.TASK;

import io.stepwise.asl.Json;
import io.stepwise.store.Executions;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * (e) Soak: the one-Task workflow submitted at a fixed rate while the workers run, for minutes, with
 * one row a minute of throughput, queue depth, table and index sizes, dead tuples and heap: whether the
 * service keeps up and the hot tables stop growing.
 */
final class SoakScenario extends Scenario {

    private static final int THREADS = 16;

    SoakScenario(BenchContext context) {
        super(context);
    }

    /** {@code drainMedian}: the (b) one-Task drain of this run, if it ran; the offered rate is a fraction of it. */
    void run(Double drainMedian) throws Exception {
        double rate = settings.soakRate > 0 ? settings.soakRate : drainMedian != null ? settings.soakFraction * drainMedian : 1000;
        int batch = settings.soakBatch;
        int minutes = (int) Math.ceil(settings.soakMinutes);
        long durationNs = (long) (settings.soakMinutes * 60e9);
        report.line("## (e) Soak: " + settings.soakMinutes + " min at " + Stats.fmt(rate, 0) + " executions/s offered ("
                + (settings.soakRate > 0 ? "bench.soak.rate" : drainMedian != null ? Report.pct(settings.soakFraction)
                + " of the drain median" : "default, no drain measured") + "), one-Task workflow, submitted while workers run "
                + (batch > 1 ? "through `Executions.startAll` in batches of " + batch : "through `Executions.start`")
                + " from " + THREADS + " threads");
        report.line("");
        boolean holds = settings.soakHoldFrom > 0 && settings.soakHoldTo > settings.soakHoldFrom;
        if (holds) {
            report.line("A REPEATABLE READ transaction on another connection holds its snapshot from minute "
                    + settings.soakHoldFrom + " to minute " + settings.soakHoldTo
                    + ": vacuum can remove nothing the queue churns through meanwhile.");
            report.line("");
        }
        db.truncate();
        db.settle();
        AtomicLong submitted = new AtomicLong();
        AtomicLong behind = new AtomicLong();
        List<String> rows = new ArrayList<>();
        Instant t0Wall;
        CpuWindow.Used cpu;
        List<List<String>> statements;
        try (BenchApp app = context.startApp(true)) {
            Executions executions = app.bean(Executions.class);
            AtomicBoolean running = new AtomicBoolean(true);
            context.statements().reset();
            var cpuWindow = CpuWindow.start(db);
            long start = System.nanoTime();
            t0Wall = Instant.now();
            // each thread submits on its own schedule, offset by a fraction of the interval from the others
            double perThreadIntervalNs = 1e9 * THREADS * batch / rate;
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                pool.submit(() -> {
                    long k = 0;
                    while (running.get()) {
                        long due = start + (long) ((k + offset / (double) THREADS) * perThreadIntervalNs);
                        long now = System.nanoTime();
                        if (due > now) {
                            LockSupport.parkNanos(due - now);
                        } else if (now - due > 1_000_000_000L) {
                            behind.incrementAndGet();
                        }
                        if (!running.get()) {
                            break;
                        }
                        if (batch > 1) {
                            executions.startAll(Workflows.taskStarts(k * batch, batch));
                        } else {
                            executions.start(TASK, null, null, Json.NODES.objectNode().put("n", k));
                        }
                        submitted.addAndGet(batch);
                        k++;
                    }
                    return null;
                });
            }
            long lastSubmitted = 0;
            java.sql.Connection snapshot = null;
            for (int minute = 1; minute <= minutes; minute++) {
                if (holds && minute == settings.soakHoldFrom + 1) {
                    snapshot = db.holdSnapshot();
                    System.err.println("soak: snapshot held from minute " + settings.soakHoldFrom);
                }
                if (snapshot != null && minute == settings.soakHoldTo + 1) {
                    snapshot.close();
                    snapshot = null;
                    System.err.println("soak: snapshot released at minute " + settings.soakHoldTo);
                }
                long end = start + Math.min(durationNs, minute * 60_000_000_000L);
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                }
                long sub = submitted.get();
                // completed/s (%s) is filled in at the end, from execution.stop_date
                rows.add("| " + minute + " | " + Stats.fmt(rate, 0) + " | " + Stats.fmt((sub - lastSubmitted) / span(minute, durationNs), 0)
                        + " | %s | " + tableSizes() + " | " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20) + " |");
                lastSubmitted = sub;
                System.err.println("soak minute " + minute + ": submitted " + sub);
            }
            if (snapshot != null) {
                snapshot.close();
            }
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            cpu = cpuWindow.stop();
            statements = context.statements().top();
        }
        SoakSummary.write(context, rows, t0Wall, durationNs, behind.get(), cpu, statements);
        db.truncate();
    }

    /** Seconds of the given minute that the soak covers (the last one may be partial). */
    static double span(int minute, long durationNs) {
        return Math.min(60, (durationNs - (minute - 1) * 60e9) / 1e9);
    }

    /** Ready steps, then the table and index sizes, dead tuples and autovacuums of the hot tables, as table cells. */
    private String tableSizes() throws Exception {
        db.exec("SELECT pg_stat_force_next_flush()");
        var s = db.rows("""
                SELECT pg_total_relation_size('step') / 1024, pg_relation_size('step') / 1024,
                       pg_relation_size('step_pkey') / 1024, pg_relation_size('step_ready_idx') / 1024,
                       pg_relation_size('step_execution_idx') / 1024,
                       pg_total_relation_size('execution') / 1048576, pg_total_relation_size('history') / 1048576,
                       (SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'step'),
                       (SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'execution'),
                       (SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'history'),
                       (SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'step'),
                       (SELECT count(*) FROM step WHERE status = 'READY')""").get(0);
        return s.get(11) + " | " + s.get(0) + " / " + s.get(1) + " / " + s.get(2) + " / " + s.get(3) + " / " + s.get(4)
                + " | " + s.get(5) + " | " + s.get(6) + " | " + s.get(7) + " / " + s.get(8) + " / " + s.get(9) + " | " + s.get(10);
    }
}
