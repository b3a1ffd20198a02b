package io.stepwise.bench;

import static io.stepwise.bench.Workflows.TASK;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (g), (h) and (l): a burst as a user meets it. Each run gets a database created for it (tables no one has
 * analyzed), an API-only application and a worker application on it; no ANALYZE, VACUUM or CHECKPOINT
 * by hand at any point. (g): the service drains a first burst of N (its warm-up), its worker is paused,
 * N more arrive over HTTP, the worker resumes and the drain is timed. (h): the same, but the service
 * first idles for {@code bench.burst.idle-seconds} with empty tables (its pollers keep claiming nothing)
 * and there is no warm-up burst. (l): (g) with one-off jobs ({@code POST /v1/jobs/batch}, type
 * {@code stepwise:echo}) in place of executions, the Stepwise side of the peer comparison (the peers'
 * harness drains one-off no-op jobs). The JVM is warm from the scenarios before (they share the classes).
 */
final class BurstScenario extends Scenario {

    /** Jobs per {@code POST /v1/jobs/batch} request in (l). */
    private static final int JOB_BATCH = 1000;

    /** Which burst: its label, and whether its work arrives as executions or as jobs. */
    enum Kind {
        BURST("g"), AFTER_IDLE("h"), JOBS("l");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    BurstScenario(BenchContext context) {
        super(context);
    }

    List<Double> run(Kind kind) throws Exception {
        boolean idleFirst = kind == Kind.AFTER_IDLE;
        String n = Stats.fmt(settings.burstN, 0);
        String title = switch (kind) {
            case AFTER_IDLE -> "(h) burst after idling: fresh database, service idle " + settings.burstIdleSeconds
                    + " s with empty tables, then " + n + " starts over HTTP, worker resumed";
            case BURST -> "(g) burst on a fresh database: warm service drains " + warmups(n) + ", worker paused, "
                    + n + " starts over HTTP, worker resumed";
            case JOBS -> "(l) one-off jobs on a fresh database: warm service drains " + warmups(n) + " jobs, worker paused, "
                    + n + " jobs over HTTP (`POST /v1/jobs/batch`, " + JOB_BATCH + " per request), worker resumed";
        };
        report.line("## " + title);
        report.line("");
        report.line("| run | HTTP " + (kind == Kind.JOBS ? "jobs/s (" : "starts/s (") + clients(kind) + " clients) | drain "
                + (kind == Kind.JOBS ? "jobs/s" : "executions/s") + " | drain s "
                + "| CPU µs per " + (kind == Kind.JOBS ? "job" : "execution") + ": JVM / PostgreSQL / others "
                + "| step / execution reltuples at resume | autoanalyze during drain (step, execution) |");
        report.line("|---|---:|---:|---:|---|---|---|");
        List<Double> rates = new ArrayList<>();
        for (int rep = 0; rep < settings.reps; rep++) {
            try (BenchDb fresh = db.freshDatabase("burst_" + kind.label + rep);
                 BenchApp api = BenchApp.start(fresh, false, settings.appProperties);
                 BenchApp worker = BenchApp.start(fresh, true, settings.appProperties)) {
                Workflows.register(api, settings.mapConcurrencies, "http://127.0.0.1:1/");
                if (idleFirst) {
                    Thread.sleep(settings.burstIdleSeconds * 1000L);
                } else {
                    for (int w = 0; w < settings.burstWarmups; w++) {
                        submit(kind, api.port(), "w" + rep + "-" + w + "-");
                        awaitFinished(fresh, (long) (w + 1) * settings.burstN);
                    }
                }
                worker.pauseWorkers();
                long already = finished(fresh);
                double submitRate = submit(kind, api.port(), "b" + rep + "-");
                String tuples = fresh.string("SELECT string_agg(relname || ' ' || reltuples::bigint, ', ' ORDER BY relname) "
                        + "FROM pg_class WHERE relname IN ('step', 'execution')");
                List<Long> analyzedBefore = autoanalyzeCounts(fresh);
                var watch = new FinishedMeter(worker);
                double counted = watch.count();
                var cpu = CpuWindow.start(fresh);
                AsyncProfile profile = AsyncProfile.startIfAsked();
                JfrRecording jfr = JfrRecording.startIfAsked();
                long t0 = System.nanoTime();
                worker.resumeWorkers();
                if (settings.burstWatch.equals("meter")) {
                    WaitUntil.done(() -> watch.count() >= counted + settings.burstN, 900, 2);
                }
                awaitFinished(fresh, already + settings.burstN);
                double seconds = (System.nanoTime() - t0) / 1e9;
                CpuWindow.Used used = cpu.stop();
                if (profile != null) {
                    profile.stop();
                }
                if (jfr != null) {
                    jfr.stop();
                }
                List<Long> analyzedAfter = autoanalyzeCounts(fresh);
                double rate = settings.burstN / seconds;
                rates.add(rate);
                report.line("| " + (rep + 1) + " | " + Stats.fmt(submitRate, 0) + " | " + Stats.fmt(rate, 0) + " | "
                        + Stats.fmt(seconds, 2) + " | " + perItem(used) + " | " + tuples + " | "
                        + (analyzedAfter.get(0) - analyzedBefore.get(0)) + ", " + (analyzedAfter.get(1) - analyzedBefore.get(1)) + " |");
                System.err.printf(Locale.ROOT, "(%s) rep %d: %.0f per second, CPU per item %s%n", kind.label, rep, rate,
                        perItem(used));
            }
            db.exec("DROP DATABASE IF EXISTS burst_" + kind.label + rep + " WITH (FORCE)");
        }
        report.line("");
        report.line("Median drain: " + Stats.fmt(Stats.median(rates), 0) + (kind == Kind.JOBS ? " jobs/s" : " executions/s")
                + ". Every run on a database created "
                + "for it; reltuples -1 means never analyzed.");
        report.line("");
        return rates;
    }

    private String warmups(String n) {
        return settings.burstWarmups == 1 ? n : settings.burstWarmups + " bursts of " + n;
    }

    /** The drain's CPU per item: the JVM (both applications), PostgreSQL, everything else on the machine. */
    private String perItem(CpuWindow.Used used) {
        double n = settings.burstN;
        return Stats.fmt(used.jvmNanos() / 1e3 / n, 0) + " / " + Stats.fmt(used.postgresSeconds() * 1e6 / n, 0) + " / "
                + Stats.fmt(used.othersSeconds() * 1e6 / n, 0);
    }

    /** Concurrent HTTP clients: {@code bench.burst.clients}, but no more than there are job batches to send. */
    private int clients(Kind kind) {
        return kind == Kind.JOBS ? Math.max(1, Math.min(settings.burstClients, settings.burstN / JOB_BATCH)) : settings.burstClients;
    }

    /**
     * N starts of the one-Task workflow (or N {@code stepwise:echo} jobs, in batches) over HTTP from
     * keep-alive clients; submissions per second.
     */
    private double submit(Kind kind, int port, String prefix) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        boolean jobs = kind == Kind.JOBS;
        URI uri = URI.create("http://127.0.0.1:" + port + (jobs ? "/v1/jobs/batch" : "/v1/executions"));
        int perRequest = jobs ? JOB_BATCH : 1;
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        Concurrently.onVirtualThreads(clients(kind), () -> {
            long first;
            while ((first = next.getAndAdd(perRequest)) < settings.burstN) {
                long end = Math.min(settings.burstN, first + perRequest);
                String body = jobs ? jobBatch(first, end)
                        : "{\"stateMachine\":\"" + TASK + "\",\"name\":\"" + prefix + first + "\",\"input\":{\"n\":" + first + "}}";
                try {
                    var response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 != 2) {
                        failures.addAndGet(end - first);
                    }
                } catch (IOException | InterruptedException e) {
                    failures.addAndGet(end - first);
                }
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " submissions were not accepted");
        }
        return settings.burstN / seconds;
    }

    private static String jobBatch(long first, long end) {
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        for (long i = first; i < end; i++) {
            body.append(i == first ? "" : ",").append("{\"type\":\"stepwise:echo\",\"payload\":{\"n\":").append(i).append("}}");
        }
        return body.append("]}").toString();
    }

    /**
     * Executions the worker has finished and committed, from its own counter: watching the drain this way
     * costs the database nothing, as the peers' harness watches theirs (an in-JVM probe until every job has
     * started, then the database). A {@code count(*)} of the execution table every 20 ms took 8-12 ms of
     * PostgreSQL each time, a third of a core taken from the drain it measured. Read every 2 ms, the
     * registry is searched only every 25th time (a counter for a new tag may appear meanwhile) and the
     * counters found are read in between: a search on every read was 6 % of the JVM's CPU during a drain.
     */
    private static final class FinishedMeter {
        private final BenchApp worker;
        private List<Counter> counters = List.of();
        private int polls;

        FinishedMeter(BenchApp worker) {
            this.worker = worker;
        }

        double count() {
            if (polls++ % 25 == 0) {
                counters = List.copyOf(worker.bean(MeterRegistry.class).find("stepwise.executions.finished").counters());
            }
            return counters.stream().mapToDouble(Counter::count).sum();
        }
    }

    private static long finished(BenchDb fresh) throws Exception {
        return fresh.longValue("SELECT count(*) FROM execution WHERE status <> 'RUNNING'");
    }

    private static void awaitFinished(BenchDb fresh, long count) throws Exception {
        WaitUntil.done(() -> finished(fresh) >= count, 900, 20);
    }

    private static List<Long> autoanalyzeCounts(BenchDb fresh) throws Exception {
        return List.of(fresh.longValue("SELECT autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'step'"),
                fresh.longValue("SELECT autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'execution'"));
    }
}
