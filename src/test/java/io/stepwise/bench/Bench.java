package io.stepwise.bench;

import static io.stepwise.bench.Workflows.FIVE;
import static io.stepwise.bench.Workflows.HTTP;
import static io.stepwise.bench.Workflows.TASK;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The Stepwise benchmark (docs/performance.md). Run from the test classpath, never by {@code ./mvnw
 * verify}: {@code ./mvnw -Pbench verify -Dbench.scenario=all}. Settings are system properties
 * ({@code bench.*}, {@link BenchSettings}); every {@code stepwise.*} and {@code spring.*} system property
 * is passed on to the applications it starts. Prints a markdown report and writes it to
 * {@code target/bench/}. The scenarios run in this order whatever order {@code bench.scenario} names
 * them in: submit, jobs, burst, burst-idle, jobs-drain, drain, drain5, httptask, backlog, latency, timers, activity, fanout, soak (backlog and soak use
 * drain's figure).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try (BenchDb db = BenchDb.open(System.getProperty("bench.db.url"), System.getProperty("bench.db.user", "postgres"),
                System.getProperty("bench.db.password", "postgres"))) {
            run(new BenchSettings(), db);
        } catch (Throwable failure) {
            // An application that failed to start (e.g. Flyway refusing a database an experiment migrated)
            // leaves threads behind that keep the JVM alive: without the exit below the run hangs.
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(BenchSettings settings, BenchDb db) throws Exception {
        Report report = new Report();
        PgStatStatements statements = new PgStatStatements(db);
        db.findPostmaster();
        report.line("# Stepwise benchmark " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        report.line("");
        BenchContext context;
        // the API the httptask scenario calls; its address goes into that scenario's definition
        BenchHttpServer httpServer = BenchHttpServer.start();
        // the first application only submits: it registers the workflows, describes the configuration and runs (a)
        try (BenchApp app = BenchApp.start(db, false, settings.appProperties)) {
            Workflows workflows = Workflows.register(app, settings.mapConcurrencies, httpServer.url());
            int workerSlots = EnvironmentSection.write(report, settings, db, statements, app);
            context = new BenchContext(settings, db, statements, report, workflows, workerSlots);
            context.seeding().checkMatchesApi(app);
            if (settings.wants("submit")) {
                new SubmissionScenario(context).run(app);
            }
            if (settings.wants("jobs")) {
                new JobsScenario(context).run(app);
            }
        }
        if (settings.wants("burst")) {
            new BurstScenario(context).run(BurstScenario.Kind.BURST);
        }
        if (settings.wants("burst-idle")) {
            new BurstScenario(context).run(BurstScenario.Kind.AFTER_IDLE);
        }
        if (settings.wants("jobs-drain")) {
            new BurstScenario(context).run(BurstScenario.Kind.JOBS);
        }
        Double drainMedian = null;
        if (settings.wants("drain")) {
            drainMedian = Stats.median(new DrainScenario(context).run("(b) drain, one-Task workflow (stepwise:echo)",
                    TASK, 1, Backlog.NONE));
        }
        if (settings.wants("drain5")) {
            new DrainScenario(context).run("(b) drain, five-state workflow (Pass, Task, Choice, Task, Succeed)",
                    FIVE, 5, Backlog.NONE);
        }
        if (settings.wants("httptask")) {
            long before = httpServer.requests();
            new DrainScenario(context).run("(i) drain, one HTTP Task (arn:aws:states:::http:invoke) against a local "
                    + "JDK HTTP server; executions/s = calls/s", HTTP, 1, Backlog.NONE);
            report.line("HTTP requests the server answered in this scenario (warm-up included): "
                    + Stats.fmt(httpServer.requests() - before, 0));
            report.line("");
        }
        if (settings.wants("backlog")) {
            new BacklogScenario(context).run(drainMedian);
        }
        if (settings.wants("latency")) {
            new LatencyScenario(context).run();
        }
        if (settings.wants("timers")) {
            new TimersScenario(context).run();
        }
        if (settings.wants("activity")) {
            new ActivityScenario(context).run();
        }
        if (settings.wants("fanout")) {
            new FanOutScenario(context).run(drainMedian);
        }
        if (settings.wants("soak")) {
            new SoakScenario(context).run(drainMedian);
        }
        httpServer.close();
        report.write(Path.of(System.getProperty("bench.out", "target/bench")));
    }
}
