package io.stepwise.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One drain of a seeded queue: lets a worker application claim, waits until the timed steps (ids up to
 * maxTimedStep) are gone, and measures. The rate comes from execution.stop_date (first to last
 * completion); CPU, JDBC counts, pg_stat_statements and heap are taken over the window from the first
 * observed progress to the end, so that application start-up (or resumption) is left out of them.
 */
final class DrainRun {

    /** The application's PostgreSQL sessions by what they wait on ("CPU" when running, a state when idle in a transaction). */
    private static final String WAIT_SAMPLE = """
            SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU') ELSE state END,
                   count(*)
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'
            GROUP BY 1""";

    private final BenchContext context;
    private final BenchDb db;

    DrainRun(BenchContext context) {
        this.context = context;
        this.db = context.db();
    }

    /** Drains on {@code running} (paused again afterwards), or on a new application when it is null. */
    DrainResult drain(int n, long maxTimedStep, BenchApp running) throws Exception {
        String remainingSql = "SELECT count(*) FROM step WHERE id <= " + maxTimedStep;
        var heap = new HeapSampler();
        if (running != null) {
            running.resumeWorkers();
        }
        try (BenchApp app = running != null ? running.borrowed() : context.startApp(true)) {
            long remaining;
            while ((remaining = db.longValue(remainingSql)) >= n) {
                Thread.sleep(20);
            }
            long remainingAtStart = remaining;
            context.statements().reset();
            var counts0 = CountingDataSource.Snapshot.now();
            var cpu = CpuWindow.start(db);
            heap.start();
            JfrRecording jfr = JfrRecording.startIfAsked();
            AsyncProfile profile = AsyncProfile.startIfAsked();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + n / 500);
            boolean partial = false;
            Map<String, Integer> waits = new TreeMap<>();
            int waitSamples = 0;
            while ((remaining = db.longValue(remainingSql)) > 0) {
                // what the application's PostgreSQL sessions are doing at this instant (sampled with the progress)
                for (List<String> w : db.rows(WAIT_SAMPLE)) {
                    waits.merge(w.get(0), Integer.parseInt(w.get(1)), Integer::sum);
                }
                waitSamples++;
                if (System.nanoTime() > deadline) {
                    // slower than 500 executions/s: measure what completed so far instead of waiting for all
                    partial = true;
                    context.report().line("**Stopped after the deadline with " + remaining + " of " + n
                            + " steps left; the rate below counts only the executions that completed.**");
                    context.report().line("");
                    break;
                }
                Thread.sleep(50);
            }
            heap.stop();
            if (jfr != null) {
                jfr.stop();
            }
            if (profile != null) {
                profile.stop();
            }
            var counts = CountingDataSource.Snapshot.now().minus(counts0);
            CpuWindow.Used used = cpu.stop();
            List<List<String>> statements = context.statements().top();
            app.close();
            if (partial) {
                db.exec("DELETE FROM execution WHERE name LIKE 'd-%' AND status = 'RUNNING'");
            }
            var r = db.rows("SELECT count(*) FILTER (WHERE status = 'SUCCEEDED'), "
                    + "extract(epoch FROM max(stop_date) - min(stop_date)) FROM execution WHERE name LIKE 'd-%'").get(0);
            long succeeded = Long.parseLong(r.get(0));
            if (partial) {
                n = (int) succeeded;
            } else if (succeeded != n) {
                throw new IllegalStateException("expected " + n + " SUCCEEDED executions, found " + succeeded);
            }
            double seconds = Double.parseDouble(r.get(1));
            return new DrainResult(n / seconds, seconds, used, remainingAtStart, counts, heap.peakMiB(),
                    heap.gcCount(), heap.gcMs(), statements, waits, waitSamples);
        }
    }
}
