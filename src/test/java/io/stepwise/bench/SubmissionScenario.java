package io.stepwise.bench;

import static io.stepwise.bench.Workflows.TASK;

import io.stepwise.asl.Json;
import io.stepwise.security.SecurityMode;
import io.stepwise.store.Executions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (a) Submission: how fast executions of the one-Task workflow are started, with the workers off,
 * through the Java API ({@code start} from 1 and 16 threads, {@code startAll} in batches) and over HTTP.
 */
final class SubmissionScenario extends Scenario {

    /** Starts {@code count} executions one way; {@link #javaRow} times it. */
    private interface Submitter {
        void submit(long count) throws Exception;
    }

    SubmissionScenario(BenchContext context) {
        super(context);
    }

    /** On the application the benchmark starts first, which has no workers. */
    void run(BenchApp app) throws Exception {
        int n = settings.submitN;
        report.line("## (a) Submission (workers off; " + Stats.fmt(n, 0) + " executions of the one-Task workflow per run)");
        report.line("");
        report.line("| path | concurrency | executions/s | statements/start | round trips/start | CPU µs per start: JVM / PostgreSQL |");
        report.line("|---|---:|---:|---:|---:|---:|");
        Executions executions = app.bean(Executions.class);
        for (int threads : settings.submitThreads) {
            javaRow("Java API `Executions.start`", threads + " threads", total -> {
                AtomicLong next = new AtomicLong();
                Concurrently.onPlatformThreads(threads, () -> {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        executions.start(TASK, null, null, Json.NODES.objectNode().put("n", i));
                    }
                });
            });
        }
        int batch = settings.submitBatch;
        javaRow("Java API `Executions.startAll`, batches of " + batch, "1 thread", total -> {
            for (long i = 0; i < total; i += batch) {
                executions.startAll(Workflows.taskStarts(i, (int) Math.min(batch, total - i)));
            }
        });
        long failures = httpRow(app.port(), apiKey(app));
        report.line("");
        report.line("Each configuration: one discarded warm-up run, then " + settings.reps + " measured; tables truncated "
                + "and CHECKPOINT before each run. HTTP responses other than 201: " + failures + ".");
        report.line("");
        db.truncate();
    }

    /**
     * One Java row: a discarded warm-up as long as all measured runs together (short runs otherwise
     * measure the JIT), then the measured runs, each on truncated tables after a CHECKPOINT.
     */
    private void javaRow(String path, String concurrency, Submitter submitter) throws Exception {
        int n = settings.submitN, reps = settings.reps;
        List<Double> rates = new ArrayList<>();
        List<Double> jvmCpu = new ArrayList<>();
        List<Double> pgCpu = new ArrayList<>();
        CountingDataSource.Snapshot counts = null;
        for (int rep = -1; rep < reps; rep++) {
            db.truncate();
            db.exec("CHECKPOINT");
            long total = rep < 0 ? (long) n * reps : n;
            var before = CountingDataSource.Snapshot.now();
            var cpu = CpuWindow.start(db);
            AsyncProfile profile = rep == reps - 1 ? AsyncProfile.startIfAsked() : null;
            long t0 = System.nanoTime();
            submitter.submit(total);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (profile != null) {
                profile.stop();
            }
            if (rep >= 0) {
                var used = cpu.stop();
                rates.add(n / seconds);
                jvmCpu.add(used.jvmNanos() / 1000.0 / n);
                pgCpu.add(used.postgresSeconds() * 1e6 / n);
                counts = CountingDataSource.Snapshot.now().minus(before);
            }
        }
        report.line("| " + path + " | " + concurrency + " | " + Stats.spread(rates, 0) + " | "
                + Stats.fmt((double) counts.statements() / n, 2) + " | "
                + Stats.fmt((double) counts.roundTrips() / n, 2) + " | "
                + Stats.spread(jvmCpu, 0) + " / " + Stats.spread(pgCpu, 0) + " |");
    }

    /**
     * With authentication on, an operator API key made with the bootstrap key, so the HTTP row pays what
     * a real client pays: a stored key's lookup (cached) and an audit row per start. Null when off.
     */
    private static String apiKey(BenchApp app) throws Exception {
        if (!app.bean(SecurityMode.class).enabled()) {
            return null;
        }
        String bootstrap = app.bean(org.springframework.core.env.Environment.class)
                .getRequiredProperty("stepwise.security.bootstrap-key");
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/v1/api-keys"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bootstrap)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench\", \"role\": \"operator\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not create the benchmark's API key: " + response.body());
        }
        return Json.parse(response.body()).get("key").asString();
    }

    /** The HTTP row ({@code POST /v1/executions} from many clients) and how many responses were not 201. */
    private long httpRow(int port, String apiKey) throws Exception {
        int n = settings.submitN;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/executions");
        List<Double> rates = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int rep = -1; rep < settings.reps; rep++) {
            db.truncate();
            db.exec("CHECKPOINT");
            AtomicLong next = new AtomicLong();
            long t0 = System.nanoTime();
            Concurrently.onVirtualThreads(settings.httpClients, () -> {
                long i;
                while ((i = next.getAndIncrement()) < n) {
                    String body = "{\"stateMachine\":\"" + TASK + "\",\"input\":{\"n\":" + i + "}}";
                    try {
                        var request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
                        if (apiKey != null) {
                            request.header("Authorization", "Bearer " + apiKey);
                        }
                        var response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 201) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                }
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (rep >= 0) {
                rates.add(n / seconds);
            }
        }
        report.line("| HTTP `POST /v1/executions` (java.net.http, virtual threads)" + (apiKey == null ? ""
                : ", authenticated (API key, audited)") + " | " + settings.httpClients + " clients | "
                + Stats.spread(rates, 0) + " | | | |");
        return failures.get();
    }
}
