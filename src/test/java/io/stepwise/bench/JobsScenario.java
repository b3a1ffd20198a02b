package io.stepwise.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * (k) Jobs: how fast jobs (docs/jobs.md) are enqueued, with the workers off: over HTTP one at a time and
 * in batches, and through the SQL function {@code stepwise.enqueue_job} one per transaction and many per
 * transaction. Every path ends in {@code stepwise.submit_jobs} (V17).
 */
final class JobsScenario extends Scenario {

    private static final int HTTP_BATCH = 1000;
    private static final int SQL_BATCH = 100;

    /** Enqueues {@code count} jobs one way. */
    private interface Enqueuer {
        void enqueue(long count) throws Exception;
    }

    JobsScenario(BenchContext context) {
        super(context);
    }

    /** On the application the benchmark starts first, which has no workers. */
    void run(BenchApp app) throws Exception {
        int n = settings.submitN;
        report.line("## (k) Jobs enqueued (workers off; " + Stats.fmt(n, 0) + " `stepwise:echo` jobs per run)");
        report.line("");
        report.line("| path | concurrency | jobs/s |");
        report.line("|---|---:|---:|");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        AtomicLong failures = new AtomicLong();
        URI single = URI.create("http://127.0.0.1:" + app.port() + "/v1/jobs");
        URI batch = URI.create("http://127.0.0.1:" + app.port() + "/v1/jobs/batch");
        row("HTTP `POST /v1/jobs`", settings.httpClients + " clients", total -> {
            AtomicLong next = new AtomicLong();
            Concurrently.onVirtualThreads(settings.httpClients, () -> {
                long i;
                while ((i = next.getAndIncrement()) < total) {
                    post(http, single, "{\"type\":\"stepwise:echo\",\"payload\":{\"n\":" + i + "}}", 201, failures);
                }
            });
        });
        row("HTTP `POST /v1/jobs/batch`, " + HTTP_BATCH + " per request", "1 client", total -> {
            for (long i = 0; i < total; i += HTTP_BATCH) {
                StringBuilder body = new StringBuilder("{\"jobs\":[");
                for (long j = i; j < Math.min(total, i + HTTP_BATCH); j++) {
                    body.append(j == i ? "" : ",").append("{\"type\":\"stepwise:echo\",\"payload\":{\"n\":").append(j)
                            .append("}}");
                }
                post(http, batch, body.append("]}").toString(), 200, failures);
            }
        });
        DataSource pool = app.bean(DataSource.class);
        row("SQL `SELECT stepwise.enqueue_job(...)`, one per transaction", settings.httpClients + " connections",
                total -> {
                    AtomicLong next = new AtomicLong();
                    Concurrently.onPlatformThreads(settings.httpClients, () -> {
                        long i;
                        while ((i = next.getAndIncrement()) < total) {
                            sql(pool, "SELECT stepwise.enqueue_job('stepwise:echo', json_build_object('n', " + i + "))");
                        }
                    });
                });
        row("SQL `stepwise.enqueue_job`, " + SQL_BATCH + " per transaction", "1 connection", total -> {
            for (long i = 0; i < total; i += SQL_BATCH) {
                sql(pool, "SELECT stepwise.enqueue_job('stepwise:echo', json_build_object('n', g)) FROM generate_series("
                        + i + ", " + (Math.min(total, i + SQL_BATCH) - 1) + ") g");
            }
        });
        // the same machine at the same moment, through the executions' set-based start: what a job costs extra
        URI executions = URI.create("http://127.0.0.1:" + app.port() + "/v1/executions");
        URI executionBatch = URI.create("http://127.0.0.1:" + app.port() + "/v1/executions/batch");
        row("reference: HTTP `POST /v1/executions` (one-Task workflow)", settings.httpClients + " clients", total -> {
            AtomicLong next = new AtomicLong();
            Concurrently.onVirtualThreads(settings.httpClients, () -> {
                long i;
                while ((i = next.getAndIncrement()) < total) {
                    post(http, executions, "{\"stateMachine\":\"" + Workflows.TASK + "\",\"input\":{\"n\":" + i + "}}",
                            201, failures);
                }
            });
        });
        row("reference: HTTP `POST /v1/executions/batch`, " + HTTP_BATCH + " per request", "1 client", total -> {
            for (long i = 0; i < total; i += HTTP_BATCH) {
                StringBuilder body = new StringBuilder("{\"executions\":[");
                for (long j = i; j < Math.min(total, i + HTTP_BATCH); j++) {
                    body.append(j == i ? "" : ",").append("{\"stateMachine\":\"").append(Workflows.TASK)
                            .append("\",\"input\":{\"n\":").append(j).append("}}");
                }
                post(http, executionBatch, body.append("]}").toString(), 200, failures);
            }
        });
        report.line("");
        report.line("Each configuration: one discarded warm-up run, then " + settings.reps + " measured; tables truncated "
                + "and CHECKPOINT before each run. Unexpected HTTP answers: " + failures.get() + ".");
        report.line("");
        db.truncate();
    }

    private void row(String path, String concurrency, Enqueuer enqueuer) throws Exception {
        int n = settings.submitN;
        List<Double> rates = new ArrayList<>();
        for (int rep = -1; rep < settings.reps; rep++) {
            db.truncate();
            db.exec("CHECKPOINT");
            long t0 = System.nanoTime();
            enqueuer.enqueue(n);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (rep >= 0) {
                rates.add(n / seconds);
            }
        }
        report.line("| " + path + " | " + concurrency + " | " + Stats.spread(rates, 0) + " |");
    }

    private static void post(HttpClient http, URI uri, String body, int expected, AtomicLong failures) {
        try {
            var response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != expected) {
                failures.incrementAndGet();
            }
        } catch (IOException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.incrementAndGet();
        }
    }

    private static void sql(DataSource pool, String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
