package io.stepwise.bench;

import static io.stepwise.bench.Workflows.TASK;

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
 * (g) and (h): a burst as a user meets it. Each run gets a database created for it (tables no one has
 * analyzed), an API-only application and a worker application on it; no ANALYZE, VACUUM or CHECKPOINT
 * by hand at any point. (g): the service drains a first burst of N (its warm-up), its worker is paused,
 * N more arrive over HTTP, the worker resumes and the drain is timed. (h): the same, but the service
 * first idles for {@code bench.burst.idle-seconds} with empty tables (its pollers keep claiming nothing)
 * and there is no warm-up burst. The JVM is warm from the scenarios before (they share the classes).
 */
final class BurstScenario extends Scenario {

    BurstScenario(BenchContext context) {
        super(context);
    }

    List<Double> run(boolean idleFirst) throws Exception {
        String title = idleFirst
                ? "(h) burst after idling: fresh database, service idle " + settings.burstIdleSeconds
                        + " s with empty tables, then " + Stats.fmt(settings.burstN, 0) + " starts over HTTP, worker resumed"
                : "(g) burst on a fresh database: warm service drains " + Stats.fmt(settings.burstN, 0) + ", worker paused, "
                        + Stats.fmt(settings.burstN, 0) + " starts over HTTP, worker resumed";
        report.line("## " + title);
        report.line("");
        report.line("| run | HTTP starts/s (" + settings.burstClients + " clients) | drain executions/s | drain s "
                + "| step / execution reltuples at resume | autoanalyze during drain (step, execution) |");
        report.line("|---|---:|---:|---:|---|---|");
        List<Double> rates = new ArrayList<>();
        for (int rep = 0; rep < settings.reps; rep++) {
            try (BenchDb fresh = db.freshDatabase("burst_" + (idleFirst ? "h" : "g") + rep);
                 BenchApp api = BenchApp.start(fresh, false, settings.appProperties);
                 BenchApp worker = BenchApp.start(fresh, true, settings.appProperties)) {
                Workflows.register(api, settings.mapConcurrencies, "http://127.0.0.1:1/");
                if (idleFirst) {
                    Thread.sleep(settings.burstIdleSeconds * 1000L);
                } else {
                    submit(api.port(), "w" + rep + "-");
                    awaitFinished(fresh, settings.burstN);
                }
                worker.pauseWorkers();
                long already = finished(fresh);
                double submitRate = submit(api.port(), "b" + rep + "-");
                String tuples = fresh.string("SELECT string_agg(relname || ' ' || reltuples::bigint, ', ' ORDER BY relname) "
                        + "FROM pg_class WHERE relname IN ('step', 'execution')");
                List<Long> analyzedBefore = autoanalyzeCounts(fresh);
                long t0 = System.nanoTime();
                worker.resumeWorkers();
                awaitFinished(fresh, already + settings.burstN);
                double seconds = (System.nanoTime() - t0) / 1e9;
                List<Long> analyzedAfter = autoanalyzeCounts(fresh);
                double rate = settings.burstN / seconds;
                rates.add(rate);
                report.line("| " + (rep + 1) + " | " + Stats.fmt(submitRate, 0) + " | " + Stats.fmt(rate, 0) + " | "
                        + Stats.fmt(seconds, 2) + " | " + tuples + " | "
                        + (analyzedAfter.get(0) - analyzedBefore.get(0)) + ", " + (analyzedAfter.get(1) - analyzedBefore.get(1)) + " |");
                System.err.printf(Locale.ROOT, "%s rep %d: %.0f executions/s%n", idleFirst ? "(h)" : "(g)", rep, rate);
            }
            db.exec("DROP DATABASE IF EXISTS burst_" + (idleFirst ? "h" : "g") + rep + " WITH (FORCE)");
        }
        report.line("");
        report.line("Median drain: " + Stats.fmt(Stats.median(rates), 0) + " executions/s. Every run on a database created "
                + "for it; reltuples -1 means never analyzed.");
        report.line("");
        return rates;
    }

    /** N starts of the one-Task workflow over HTTP from {@code bench.burst.clients} keep-alive clients; starts/s. */
    private double submit(int port, String prefix) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/executions");
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        Concurrently.onVirtualThreads(settings.burstClients, () -> {
            long i;
            while ((i = next.getAndIncrement()) < settings.burstN) {
                String body = "{\"stateMachine\":\"" + TASK + "\",\"name\":\"" + prefix + i + "\",\"input\":{\"n\":" + i + "}}";
                try {
                    var response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 201) {
                        failures.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                }
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " starts were not answered 201");
        }
        return settings.burstN / seconds;
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
