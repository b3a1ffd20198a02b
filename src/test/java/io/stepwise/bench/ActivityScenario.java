package io.stepwise.bench;

import io.stepwise.asl.Json;
import io.stepwise.store.Activities;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (j) Activities: the round trip start → poll → success → SUCCEEDED with workers polling over HTTP, and
 * how soon a waiting poll gets a task once it exists.
 */
final class ActivityScenario extends Scenario {

    private static final String ACTIVITY = "bench-activity";
    private static final Pattern TOKEN = Pattern.compile("\"taskToken\":\"([^\"]+)\"");

    ActivityScenario(BenchContext context) {
        super(context);
    }

    void run() throws Exception {
        int n = settings.activityN;
        int workers = settings.activityWorkers;
        report.line("## (j) Activities: " + Stats.fmt(n, 0) + " one-activity-Task executions, " + workers
                + " workers long-polling over HTTP");
        report.line("");
        db.truncate();
        try (BenchApp app = context.startApp(true)) {
            app.bean(Activities.class).create(ACTIVITY);
            app.bean(StateMachines.class).register(ACTIVITY, Json.parse("{\"StartAt\": \"Work\", \"States\": {\"Work\": "
                    + "{\"Type\": \"Task\", \"Resource\": \"stepwise:activity:" + ACTIVITY + "\", \"End\": true}}}"), null);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            List<Double> rates = new ArrayList<>();
            List<Double> jvmCpu = new ArrayList<>();
            List<Double> pgCpu = new ArrayList<>();
            List<Double> idle = new ArrayList<>();
            AtomicLong refused = new AtomicLong();
            for (int rep = -1; rep < settings.reps; rep++) {
                db.truncate();
                int count = rep < 0 ? n / 4 : n;
                context.statements().reset();
                var cpu = CpuWindow.start(db);
                double rate = roundTrips(app, http, count, workers, refused);
                var used = cpu.stop();
                if (rep >= 0) {
                    rates.add(rate);
                    jvmCpu.add(used.jvmNanos() / 1000.0 / count);
                    pgCpu.add(used.postgresSeconds() * 1e6 / count);
                    idle.add(used.idlePct());
                }
            }
            report.line("| round trips/s (start → poll → success → SUCCEEDED) | CPU µs per round trip: JVM (service and"
                    + " HTTP workers) / PostgreSQL | machine idle % | answers refused |");
            report.line("|---:|---:|---:|---:|");
            report.line("| " + Stats.spread(rates, 0) + " | " + Stats.spread(jvmCpu, 0) + " / " + Stats.spread(pgCpu, 0)
                    + " | " + Stats.spread(idle, 0) + " | " + refused.get() + " |");
            report.line("");
            statementsOfLastRun(n);
            report.line("");
            wakeUps(app, http);
        }
        db.truncate();
    }

    private void statementsOfLastRun(int count) throws Exception {
        if (!context.statements().available()) {
            return;
        }
        report.line("pg_stat_statements of the last run:");
        report.line("");
        report.line("| calls per round trip | mean ms | total ms | rows per call | statement |");
        report.line("|---:|---:|---:|---:|---|");
        List<List<String>> top = context.statements().top();
        for (List<String> st : top.subList(0, Math.min(10, top.size()))) {
            report.line("| " + Stats.fmt(Double.parseDouble(st.get(0)) / count, 2) + " | " + st.get(1) + " | "
                    + st.get(2) + " | " + st.get(3) + " | `" + st.get(4) + "` |");
        }
        report.line("");
    }

    /** Starts {@code count} executions in batches while {@code workers} pollers answer them; returns per second. */
    private double roundTrips(BenchApp app, HttpClient http, int count, int workers, AtomicLong refused)
            throws Exception {
        Executions executions = app.bean(Executions.class);
        AtomicBoolean done = new AtomicBoolean();
        long t0 = System.nanoTime();
        Thread submitter = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < count; i += 500) {
                List<Executions.StartRequest> batch = new ArrayList<>();
                for (int j = i; j < Math.min(count, i + 500); j++) {
                    batch.add(new Executions.StartRequest(ACTIVITY, null, null, Json.NODES.objectNode().put("n", j)));
                }
                executions.startAll(batch);
            }
        });
        Thread pollers = Thread.ofPlatform().start(() -> {
            try {
                Concurrently.onVirtualThreads(workers, () -> {
                    while (!done.get()) {
                        String token = poll(http, app.port(), 1);
                        if (token != null && answer(http, app.port(), token) != 204) {
                            refused.incrementAndGet();
                        }
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitUntil.done(() -> db.longValue("SELECT count(*) FROM execution WHERE status = 'SUCCEEDED'") >= count,
                600, 100);
        double seconds = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        submitter.join();
        pollers.join();
        return count / seconds;
    }

    /**
     * Pollers wait first; then executions start one at a time. Server side: the task row's creation to
     * its hand-out (both by the service's clock). Client side: before {@code Executions.start} to the
     * poll's answer, which includes the start's commit and the worker's run of the step.
     */
    private void wakeUps(BenchApp app, HttpClient http) throws Exception {
        Executions executions = app.bean(Executions.class);
        int count = settings.activityWakeUps;
        List<Double> endToEnd = new ArrayList<>();
        db.truncate();
        for (int i = 0; i < count; i++) {
            var answer = new java.util.concurrent.CompletableFuture<Long>();
            Thread poller = Thread.ofVirtual().start(() -> {
                String token = poll(http, app.port(), 30);
                answer.complete(System.nanoTime());
                answer(http, app.port(), token);
            });
            // let the poll reach its wait: the measured path is the wake-up, not a poll arriving late
            Thread.sleep(50);
            long started = System.nanoTime();
            executions.start(ACTIVITY, null, null, Json.NODES.objectNode().put("i", i));
            long polled = answer.get();
            poller.join();
            if (i >= 10) {
                endToEnd.add((polled - started) / 1e6);
            }
        }
        endToEnd.sort(null);
        List<Double> server = new ArrayList<>();
        for (List<String> row : db.rows("SELECT extract(epoch FROM polled_at - created_at) * 1000 FROM task_token "
                + "WHERE polled_at IS NOT NULL")) {
            server.add(Double.parseDouble(row.getFirst()));
        }
        server.sort(null);
        report.line("Poll wake-up, " + count + " tasks one at a time to a waiting poll (first 10 discarded client-side):");
        report.line("");
        report.line("| measured | p50 ms | p99 ms | max ms |");
        report.line("|---|---:|---:|---:|");
        report.line("| task committed → handed to the poll (server clock) | " + Stats.fmt(Stats.percentile(server, 50), 2)
                + " | " + Stats.fmt(Stats.percentile(server, 99), 2) + " | " + Stats.fmt(server.getLast(), 2) + " |");
        report.line("| `Executions.start` → poll answered (client) | " + Stats.fmt(Stats.percentile(endToEnd, 50), 2)
                + " | " + Stats.fmt(Stats.percentile(endToEnd, 99), 2) + " | " + Stats.fmt(endToEnd.getLast(), 2) + " |");
        report.line("");
    }

    private static String poll(HttpClient http, int port, int waitSeconds) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/activities/" + ACTIVITY + "/poll?waitSeconds=" + waitSeconds))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(waitSeconds + 10L))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            Matcher token = TOKEN.matcher(response.body());
            return token.find() ? token.group(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int answer(HttpClient http, int port, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tasks/success"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"taskToken\":\"" + token + "\",\"output\":{}}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
