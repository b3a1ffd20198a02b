package io.stepwise.bench;

import io.stepwise.asl.Json;
import io.stepwise.store.ExecutionRecord;
import io.stepwise.store.Executions;
import io.stepwise.store.StateMachines;
import io.stepwise.worker.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Stepwise benchmark (docs/performance.md). Run from the test classpath, never by {@code ./mvnw
 * verify}: {@code ./mvnw -Pbench verify -Dbench.scenario=all}. Settings are system properties
 * ({@code bench.*}); every {@code stepwise.*} and {@code spring.*} system property is passed on to the
 * applications it starts. Prints a markdown report and writes it to {@code target/bench/}.
 */
public final class Bench {

    static final String TASK = "bench-task";
    static final String FIVE = "bench-five";
    static final String PROBE = "bench-probe";
    static final String MAP = "bench-map";

    static final String TASK_DEF = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "stepwise:echo", "End": true}}}""";
    static final String FIVE_DEF = """
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Result": "passed", "ResultPath": "$.p", "Next": "T1"},
              "T1": {"Type": "Task", "Resource": "stepwise:echo", "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "T2"}], "Default": "T2"},
              "T2": {"Type": "Task", "Resource": "stepwise:echo", "Next": "S"},
              "S": {"Type": "Succeed"}}}""";
    static final String PROBE_DEF = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "bench:probe", "End": true}}}""";

    static String mapDef(int concurrency) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": %d,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "E",
                    "States": {"E": {"Type": "Task", "Resource": "stepwise:echo", "End": true}}},
                  "End": true}}}""".formatted(concurrency);
    }

    // ---- parameters -------------------------------------------------------------------------------------
    final boolean quick = Boolean.getBoolean("bench.quick");
    final List<String> scenarios = Arrays.asList(System.getProperty("bench.scenario", "all").split(","));
    final int reps = Integer.getInteger("bench.reps", 3);
    final int drainN = Integer.getInteger("bench.n", quick ? 10_000 : 100_000);
    final int backlogN = Integer.getInteger("bench.backlog", quick ? 50_000 : 1_000_000);
    final int submitN = Integer.getInteger("bench.submit.n", quick ? 3_000 : 20_000);
    final List<Integer> submitThreads = Arrays.stream(System.getProperty("bench.submit.threads", "1,16").split(","))
            .map(Integer::parseInt).toList();
    final int httpClients = Integer.getInteger("bench.http.clients", 16);
    final int latencySeconds = Integer.getInteger("bench.latency.seconds", quick ? 10 : 30);
    final int latencyIntervalMs = Integer.getInteger("bench.latency.interval-ms", 10);
    final double soakMinutes = Double.parseDouble(System.getProperty("bench.soak.minutes", quick ? "1" : "20"));
    final double soakFraction = Double.parseDouble(System.getProperty("bench.soak.fraction", "0.7"));
    final double soakRate = Double.parseDouble(System.getProperty("bench.soak.rate", "0"));
    final int mapItems = Integer.getInteger("bench.map.items", quick ? 1_000 : 10_000);
    final int mapConcurrency = Integer.getInteger("bench.map.concurrency", 100);
    final Map<String, String> appProperties = new HashMap<>();

    final BenchDb db;
    final StringBuilder report = new StringBuilder();
    final Map<String, Integer> versions = new HashMap<>();
    boolean statStatements;
    Double drainPeak;
    String envApp = "";

    Bench(BenchDb db) {
        this.db = db;
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("stepwise.") || key.startsWith("spring.")) {
                appProperties.put(key, v.toString());
            }
        });
    }

    public static void main(String[] args) throws Exception {
        try (BenchDb db = BenchDb.open(System.getProperty("bench.db.url"), System.getProperty("bench.db.user", "postgres"),
                System.getProperty("bench.db.password", "postgres"))) {
            new Bench(db).run();
        }
        System.exit(0);
    }

    boolean wants(String scenario) {
        return scenarios.contains(scenario) || scenarios.contains("all");
    }

    void run() throws Exception {
        statStatements = db.hasStatStatements();
        db.findPostmaster();
        line("# Stepwise benchmark " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        line("");
        try (BenchApp app = BenchApp.start(db, false, appProperties)) {
            register(app);
            environment(app);
            checkSeedMatchesApi(app);
            if (wants("submit")) {
                submission(app);
            }
        }
        Map<String, List<Double>> drain = new LinkedHashMap<>();
        if (wants("drain")) {
            drain.put("one-Task", drainScenario("(b) drain, one-Task workflow (stepwise:echo)", TASK, 1, Backlog.NONE));
            drainPeak = Stats.median(drain.get("one-Task"));
        }
        if (wants("drain5")) {
            drainScenario("(b) drain, five-state workflow (Pass, Task, Choice, Task, Succeed)", FIVE, 5, Backlog.NONE);
        }
        if (wants("backlog")) {
            List<Double> waiting = drainScenario("(d) drain one-Task with " + Stats.fmt(backlogN, 0)
                    + " executions waiting (ready, same queue, claimed after the timed ones)", TASK, 1, Backlog.WAITING);
            List<Double> kept = drainScenario("(d) drain one-Task with " + Stats.fmt(backlogN, 0)
                    + " finished executions kept (execution + history rows)", TASK, 1, Backlog.KEPT);
            if (drainPeak != null) {
                line("Backlog ratios to the empty drain (median " + Stats.fmt(drainPeak, 0) + "/s): waiting "
                        + pct(Stats.median(waiting) / drainPeak) + ", kept " + pct(Stats.median(kept) / drainPeak));
                line("");
            }
        }
        if (wants("latency")) {
            latency();
        }
        if (wants("fanout")) {
            fanOut();
        }
        if (wants("soak")) {
            soak();
        }
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        Path file = out.resolve("report-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + ".md");
        Files.writeString(file, report);
        System.out.println("\nReport written to " + file.toAbsolutePath());
    }

    // ---- environment ------------------------------------------------------------------------------------

    void register(BenchApp app) {
        StateMachines machines = app.bean(StateMachines.class);
        for (var def : Map.of(TASK, TASK_DEF, FIVE, FIVE_DEF, PROBE, PROBE_DEF, MAP, mapDef(mapConcurrency)).entrySet()) {
            versions.put(def.getKey(), machines.register(def.getKey(), Json.parse(def.getValue()), "benchmark")
                    .stateMachine().version());
        }
    }

    void environment(BenchApp app) throws SQLException {
        var worker = app.bean(WorkerProperties.class);
        workerSlots = worker.slots();
        var pool = app.dataSource();
        Runtime rt = Runtime.getRuntime();
        line("## Environment");
        line("");
        line("- machine: " + rt.availableProcessors() + " cores, " + (memTotalMiB() / 1024) + " GiB; app, PostgreSQL "
                + "and load generator share the cores");
        line("- JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", max heap "
                + rt.maxMemory() / (1 << 20) + " MiB, " + ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X") && !a.startsWith("-XX:Flight")).toList());
        line("- PostgreSQL: " + db.kind + ", " + db.string("SELECT version()"));
        StringBuilder s = new StringBuilder("- settings: ");
        db.settings().forEach((k, v) -> s.append(k).append('=').append(v).append(", "));
        line(s.substring(0, s.length() - 2));
        line("- pg_stat_statements: " + (statStatements ? "on" : "not available (statement counts from the JDBC proxy only)"));
        envApp = "pool " + pool.getMaximumPoolSize() + " connections; worker slots " + worker.slots()
                + "; poll interval " + worker.pollInterval().toMillis() + " ms; lease " + worker.lease().toSeconds()
                + " s; claim batch = free slots (≤ " + worker.slots() + ")";
        line("- application: " + envApp + "; app properties from the command line: " + appProperties);
        line("- quick mode: " + quick + "; reps " + reps + "; drain N " + drainN + "; backlog " + backlogN);
        line("");
    }

    static long memTotalMiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return 0;
    }

    // ---- seeding ----------------------------------------------------------------------------------------

    enum Backlog { NONE, WAITING, KEPT }

    static final String UUID7 = """
            CREATE OR REPLACE FUNCTION pg_temp.bench_uuid7(ms bigint) RETURNS uuid LANGUAGE sql VOLATILE AS $$
              SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(ms) FROM 3)
                     FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$""";

    /**
     * Writes n started executions of the machine exactly as Executions.start does (execution row +
     * READY ENTER step of StartAt), in one statement; {@link #checkSeedMatchesApi} proves the rows equal.
     */
    void seedStarted(String machine, String prefix, int n, String startAt) throws SQLException {
        db.exec(UUID7);
        db.exec("""
                WITH e AS (
                  INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, start_date, timeout_at)
                  SELECT pg_temp.bench_uuid7((extract(epoch FROM clock_timestamp()) * 1000)::bigint), '%s', %d, '%s' || g,
                         'RUNNING', %s, now(), NULL
                  FROM generate_series(1, %d) g
                  RETURNING id, input, start_date)
                INSERT INTO step (execution_id, parent_id, branch_index, queue, priority, status, kind, state_name, input,
                                  state_data, run_at, created_at)
                SELECT id, NULL, NULL, 'default', 0, 'READY', 'ENTER', '%s', input, NULL, start_date, start_date FROM e
                """.formatted(machine, versions.get(machine), prefix, inputSql(machine), n, startAt));
    }

    static String inputSql(String machine) {
        return machine.equals(FIVE) ? "jsonb_build_object('go', true, 'n', g)" : "jsonb_build_object('n', g)";
    }

    /** n finished executions as a drained one-Task run leaves them: execution row SUCCEEDED + its history row. */
    void seedFinished(int n, String historyTemplate) throws SQLException {
        db.exec(UUID7);
        db.exec("""
                WITH e AS (
                  INSERT INTO execution (id, state_machine_name, state_machine_version, name, status, input, output,
                                         start_date, stop_date, timeout_at)
                  SELECT pg_temp.bench_uuid7((extract(epoch FROM clock_timestamp()) * 1000)::bigint - 3600000), '%s', %d,
                         'k-' || g, 'SUCCEEDED', jsonb_build_object('n', g), jsonb_build_object('n', g),
                         now() - interval '1 hour', now() - interval '1 hour' + interval '5 ms', NULL
                  FROM generate_series(1, %d) g
                  RETURNING id, stop_date)
                INSERT INTO history (execution_id, recorded_at, events)
                SELECT id, stop_date, '%s'::jsonb FROM e
                """.formatted(TASK, versions.get(TASK), n, historyTemplate.replace("'", "''")));
    }

    /** The generated rows must equal what the Java API writes, column for column (ids and times aside). */
    void checkSeedMatchesApi(BenchApp app) throws SQLException {
        db.truncate();
        for (String machine : List.of(TASK, FIVE)) {
            ObjectNode input = Json.NODES.objectNode();
            if (machine.equals(FIVE)) {
                input.put("go", true);
            }
            input.put("n", 1);
            app.bean(Executions.class).start(machine, null, "api-1", input);
            seedStarted(machine, "sql-", 1, Json.parse(machine.equals(TASK) ? TASK_DEF : FIVE_DEF).path("StartAt").asString());
            String exec = "SELECT (to_jsonb(e) - 'id' - 'name' - 'start_date')::text FROM execution e WHERE state_machine_name = '"
                    + machine + "' AND name = '%s'";
            String step = "SELECT (to_jsonb(s) - 'id' - 'execution_id' - 'run_at' - 'created_at')::text FROM step s "
                    + "JOIN execution e ON e.id = s.execution_id WHERE e.state_machine_name = '" + machine + "' AND e.name = '%s'";
            for (String q : List.of(exec, step)) {
                String api = db.string(q.formatted("api-1")), sql = db.string(q.formatted("sql-1"));
                if (!api.equals(sql)) {
                    throw new IllegalStateException("seeded rows differ from Executions.start's:\n api: " + api + "\n sql: " + sql);
                }
            }
        }
        db.truncate();
    }

    // ---- (a) submission ---------------------------------------------------------------------------------

    /** Starts {@code count} executions one way; {@link #submissionRow} times it. */
    interface Submitter {
        void submit(long count) throws Exception;
    }

    /**
     * One row of (a): a discarded warm-up as long as all measured runs together (short runs otherwise
     * measure the JIT), then the measured runs, each on truncated tables after a CHECKPOINT.
     */
    void submissionRow(String path, String concurrency, Submitter submitter) throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> jvmCpu = new ArrayList<>();
        List<Double> pgCpu = new ArrayList<>();
        CountingDataSource.Snapshot counts = null;
        for (int rep = -1; rep < reps; rep++) {
            db.truncate();
            db.exec("CHECKPOINT");
            long total = rep < 0 ? (long) submitN * reps : submitN;
            var before = CountingDataSource.Snapshot.now();
            long cpu0 = jvmCpuNanos();
            var pg0 = db.postgresCpuTicks();
            AsyncProfile profile = rep == reps - 1 ? AsyncProfile.startIfAsked() : null;
            long t0 = System.nanoTime();
            submitter.submit(total);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (profile != null) {
                profile.stop();
            }
            if (rep >= 0) {
                rates.add(submitN / seconds);
                jvmCpu.add((jvmCpuNanos() - cpu0) / 1000.0 / submitN);
                pgCpu.add(db.postgresCpuSecondsSince(pg0) * 1e6 / submitN);
                counts = CountingDataSource.Snapshot.now().minus(before);
            }
        }
        line("| " + path + " | " + concurrency + " | " + Stats.spread(rates, 0) + " | "
                + Stats.fmt((double) counts.statements() / submitN, 2) + " | "
                + Stats.fmt((double) counts.roundTrips() / submitN, 2) + " | "
                + Stats.spread(jvmCpu, 0) + " / " + Stats.spread(pgCpu, 0) + " |");
    }

    static final int SUBMIT_BATCH = Integer.getInteger("bench.submit.batch", 100);

    static List<Executions.StartRequest> batchOfStarts(long first, int size) {
        List<Executions.StartRequest> batch = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            batch.add(new Executions.StartRequest(TASK, null, null, Json.NODES.objectNode().put("n", first + k)));
        }
        return batch;
    }

    void submission(BenchApp app) throws Exception {
        line("## (a) Submission (workers off; " + Stats.fmt(submitN, 0) + " executions of the one-Task workflow per run)");
        line("");
        line("| path | concurrency | executions/s | statements/start | round trips/start | CPU µs per start: JVM / PostgreSQL |");
        line("|---|---:|---:|---:|---:|---:|");
        Executions executions = app.bean(Executions.class);
        for (int threads : submitThreads) {
            submissionRow("Java API `Executions.start`", threads + " threads", total -> {
                AtomicLong next = new AtomicLong();
                runThreads(threads, () -> {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        executions.start(TASK, null, null, Json.NODES.objectNode().put("n", i));
                    }
                });
            });
        }
        submissionRow("Java API `Executions.startAll`, batches of " + SUBMIT_BATCH, "1 thread", total -> {
            for (long i = 0; i < total; i += SUBMIT_BATCH) {
                executions.startAll(batchOfStarts(i, (int) Math.min(SUBMIT_BATCH, total - i)));
            }
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/v1/executions");
        List<Double> rates = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int rep = -1; rep < reps; rep++) {
            db.truncate();
            db.exec("CHECKPOINT");
            AtomicLong next = new AtomicLong();
            long t0 = System.nanoTime();
            runVirtual(httpClients, () -> {
                long i;
                while ((i = next.getAndIncrement()) < submitN) {
                    String body = "{\"stateMachine\":\"" + TASK + "\",\"input\":{\"n\":" + i + "}}";
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
            if (rep >= 0) {
                rates.add(submitN / seconds);
            }
        }
        line("| HTTP `POST /v1/executions` (java.net.http, virtual threads) | " + httpClients + " clients | "
                + Stats.spread(rates, 0) + " | | | |");
        line("");
        line("Each configuration: one discarded warm-up run, then " + reps + " measured; tables truncated and CHECKPOINT "
                + "before each run. HTTP responses other than 201: " + failures.get() + ".");
        line("");
        db.truncate();
    }

    static void runThreads(int threads, Runnable body) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(body));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    static void runVirtual(int threads, Runnable body) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(body));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    // ---- (b)/(d) drain ----------------------------------------------------------------------------------

    /** The application's PostgreSQL sessions by what they wait on ("CPU" when running, a state when idle in a transaction). */
    static final String WAIT_SAMPLE = """
            SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU') ELSE state END,
                   count(*)
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'
            GROUP BY 1""";

    record DrainResult(double rate, double seconds, long jvmCpuMs, double pgCpuS, double othersCpuS, double idlePct,
                       long completedInWindow, CountingDataSource.Snapshot counts, long heapPeakMiB, long gcCount,
                       long gcMs, List<List<String>> statements, Map<String, Integer> waits, int waitSamples) {
    }

    List<Double> drainScenario(String title, String machine, int transitionsPerExecution, Backlog backlog) throws Exception {
        line("## " + title);
        line("");
        String startAt = machine.equals(TASK) ? "T" : "P";
        String historyTemplate = null;
        if (backlog == Backlog.KEPT) {
            // a real history row of a finished one-Task execution, to copy into the kept rows
            db.truncate();
            seedStarted(TASK, "h-", 10, "T");
            try (BenchApp app = BenchApp.start(db, true, appProperties)) {
                waitUntil(() -> db.longValue("SELECT count(*) FROM step") == 0, 60);
            }
            historyTemplate = db.string("SELECT events::text FROM history LIMIT 1");
        }
        List<DrainResult> results = new ArrayList<>();
        // at least 100,000: a shorter warm-up left the JIT compiling through the first measured drains (with
        // N = 20,000 the JVM then used 95 µs of CPU per execution instead of 21)
        int warmN = Integer.getInteger("bench.warmup.n", Math.max(drainN, 100_000));
        // -Dbench.drain.app=running (default): one worker application for the whole scenario, its poller
        // paused while a drain is seeded and resumed to drain it, like a service that has been up for a
        // while; =fresh: a new application for every drain, whose start-up JIT work then overlaps the drain
        BenchApp running = FRESH_APP_PER_DRAIN ? null : BenchApp.start(db, true, appProperties);
        if (running != null) {
            running.pauseWorkers();
        }
        try {
        // one discarded warm-up drain (without the backlog) per scenario: each scenario starts a new application
        for (int rep = -1; rep < reps; rep++) {
            int n = rep < 0 ? warmN : drainN;
            db.truncate();
            seedStarted(machine, "d-", n, startAt);
            long maxTimedStep = db.longValue("SELECT max(id) FROM step");
            if (rep >= 0 && backlog == Backlog.WAITING) {
                seedStarted(machine, "b-", backlogN, startAt);
            } else if (rep >= 0 && backlog == Backlog.KEPT) {
                seedFinished(backlogN, historyTemplate);
            }
            db.settle();
            if (rep == 0 && backlog != Backlog.KEPT) {
                explainClaim(backlog == Backlog.WAITING ? "before draining, " + Stats.fmt(n + backlogN, 0) + " ready steps"
                        : "before draining, " + Stats.fmt(n, 0) + " ready steps");
            }
            DrainResult r = drainOnce(n, maxTimedStep, running);
            if (rep == 0 && backlog == Backlog.NONE && machine.equals(TASK)) {
                explainClaim("right after draining " + Stats.fmt(n, 0) + " (dead index entries, before any vacuum)");
            }
            if (rep >= 0) {
                results.add(r);
            }
            System.err.printf(Locale.ROOT, "%s rep %d: %.0f executions/s%n", title, rep, r.rate);
        }
        } finally {
            if (running != null) {
                running.close();
            }
        }
        List<Double> rates = results.stream().map(DrainResult::rate).toList();
        List<Double> transitions = rates.stream().map(r -> r * transitionsPerExecution).toList();
        line("| figure | median [min–max] of " + reps + " |");
        line("|---|---:|");
        line("| executions/s (first to last completion, from execution.stop_date) | " + Stats.spread(rates, 0) + " |");
        line("| state transitions/s (" + transitionsPerExecution + " per execution) | " + Stats.spread(transitions, 0) + " |");
        line("| seconds for " + Stats.fmt(drainN, 0) + " | " + Stats.spread(results.stream().map(DrainResult::seconds).toList(), 2) + " |");
        line("| CPU s in the measuring window: this JVM / this PostgreSQL / other processes on the machine; machine idle % | "
                + Stats.spread(results.stream().map(r -> r.jvmCpuMs / 1000.0).toList(), 1) + " / "
                + Stats.spread(results.stream().map(DrainResult::pgCpuS).toList(), 1) + " / "
                + Stats.spread(results.stream().map(DrainResult::othersCpuS).toList(), 1) + "; "
                + Stats.spread(results.stream().map(DrainResult::idlePct).toList(), 0) + " |");
        line("| JVM heap used, peak MiB (sampled every 50 ms) / GCs / GC ms | "
                + Stats.spread(results.stream().map(r -> (double) r.heapPeakMiB).toList(), 0) + " / "
                + Stats.spread(results.stream().map(r -> (double) r.gcCount).toList(), 0) + " / "
                + Stats.spread(results.stream().map(r -> (double) r.gcMs).toList(), 0) + " |");
        DrainResult last = results.get(results.size() / 2);
        double tr = (double) last.completedInWindow * transitionsPerExecution;
        var c = last.counts;
        line("| JDBC per execution: statements / round trips / commits | "
                + Stats.fmt(c.statements() / (double) last.completedInWindow, 2) + " / "
                + Stats.fmt(c.roundTrips() / (double) last.completedInWindow, 2) + " / "
                + Stats.fmt(c.commits() / (double) last.completedInWindow, 2) + " |");
        line("| JDBC per state transition: statements / round trips | " + Stats.fmt(c.statements() / tr, 2) + " / "
                + Stats.fmt(c.roundTrips() / tr, 2) + " |");
        line("");
        if (!last.statements.isEmpty()) {
            line("pg_stat_statements over the measuring window of the median run (" + Stats.fmt(last.completedInWindow, 0)
                    + " executions completed in it):");
            line("");
            line("| calls per execution | mean ms | total ms | rows per call | WAL bytes / call | full-page images / call | pages dirtied / call | statement |");
            line("|---:|---:|---:|---:|---:|---:|---:|---|");
            for (List<String> s : last.statements) {
                line("| " + Stats.fmt(Double.parseDouble(s.get(0)) / last.completedInWindow, 3) + " | " + s.get(1) + " | "
                        + s.get(2) + " | " + s.get(3) + " | " + s.get(5) + " | " + s.get(6) + " | " + s.get(7) + " | `"
                        + s.get(4) + "` |");
            }
            line("");
        }
        if (last.waitSamples > 0) {
            line("The application's PostgreSQL sessions, sampled " + last.waitSamples + " times during the median run "
                    + "(average number of sessions in each state; \"idle in transaction\" = waiting for the application):");
            line("");
            line("| state or wait event | sessions (average) |");
            line("|---|---:|");
            last.waits.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(w -> line("| " + w.getKey() + " | " + Stats.fmt(w.getValue() / (double) last.waitSamples, 2) + " |"));
            line("");
        }
        return rates;
    }

    static final boolean FRESH_APP_PER_DRAIN = "fresh".equals(System.getProperty("bench.drain.app", "running"));

    interface Check {
        boolean done() throws Exception;
    }

    static void waitUntil(Check check, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Starts a worker application on the seeded queue and waits until the timed steps (ids up to
     * maxTimedStep) are gone. The rate comes from execution.stop_date (first to last completion); CPU,
     * JDBC counts, pg_stat_statements and heap are taken over the window from the first observed
     * progress to the end, so application start-up is left out of them.
     */
    DrainResult drainOnce(int n, long maxTimedStep, BenchApp running) throws Exception {
        String remainingSql = "SELECT count(*) FROM step WHERE id <= " + maxTimedStep;
        var heap = new HeapSampler();
        if (running != null) {
            running.resumeWorkers();
        }
        try (BenchApp app = running != null ? running.borrowed() : BenchApp.start(db, true, appProperties)) {
            long remaining;
            while ((remaining = db.longValue(remainingSql)) >= n) {
                Thread.sleep(20);
            }
            long remainingAtStart = remaining;
            if (statStatements) {
                db.exec("SELECT pg_stat_statements_reset()");
            }
            var counts0 = CountingDataSource.Snapshot.now();
            long cpu0 = jvmCpuNanos();
            var pg0 = db.postgresCpuTicks();
            long[] m0 = BenchDb.machineCpu();
            long t0 = System.nanoTime();
            heap.start();
            jdk.jfr.Recording jfr = null;
            if (System.getProperty("bench.jfr") != null) {
                // -Dbench.jfr=<file>: a JFR profile of the measuring window only (start-up left out)
                jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                // a sample every millisecond: the default 10-20 ms leaves a few hundred samples per drain
                jfr.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
                jfr.start();
            }
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
                    line("**Stopped after the deadline with " + remaining + " of " + n + " steps left; the rate below "
                            + "counts only the executions that completed.**");
                    line("");
                    break;
                }
                Thread.sleep(50);
            }
            heap.stop();
            if (jfr != null) {
                jfr.stop();
                jfr.dump(Path.of(System.getProperty("bench.jfr") + "-" + System.currentTimeMillis() + ".jfr"));
                jfr.close();
            }
            if (profile != null) {
                profile.stop();
            }
            var counts = CountingDataSource.Snapshot.now().minus(counts0);
            long cpu = (jvmCpuNanos() - cpu0) / 1_000_000;
            double pg = db.postgresCpuSecondsSince(pg0);
            long[] m1 = BenchDb.machineCpu();
            double idle = m1[1] == m0[1] ? 0 : 100.0 * (m1[0] - m0[0]) / (m1[1] - m0[1]);
            double busy = ((m1[1] - m0[1]) - (m1[0] - m0[0])) / 100.0; // busy jiffies of all cores, 1/100 s each
            double others = Math.max(0, busy - cpu / 1000.0 - pg);
            List<List<String>> statements = topStatements();
            app.close();
            if (partial) {
                db.exec("DELETE FROM execution WHERE name LIKE 'd-%' AND status = 'RUNNING'");
            }
            var r = db.rows("SELECT count(*), count(*) FILTER (WHERE status = 'SUCCEEDED'), "
                    + "extract(epoch FROM max(stop_date) - min(stop_date)) FROM execution WHERE name LIKE 'd-%'");
            long succeeded = Long.parseLong(r.get(0).get(1));
            if (partial) {
                n = (int) succeeded;
            } else if (succeeded != n) {
                throw new IllegalStateException("expected " + n + " SUCCEEDED executions, found " + succeeded);
            }
            double seconds = Double.parseDouble(r.get(0).get(2));
            return new DrainResult(n / seconds, seconds, cpu, pg, others, idle, remainingAtStart, counts,
                    heap.peakMiB(), heap.gcCount(), heap.gcMs(), statements, waits, waitSamples);
        }
    }

    /** pg_stat_statements since its last reset: calls, mean ms, total ms, rows/call, text, WAL B, FPI, dirtied per call. */
    List<List<String>> topStatements() throws SQLException {
        return statStatements ? db.rows("""
                SELECT calls, round(mean_exec_time::numeric, 3), round(total_exec_time::numeric, 0),
                       round(rows::numeric / greatest(calls, 1), 2), left(regexp_replace(query, '\\s+', ' ', 'g'), 160),
                       round(wal_bytes / greatest(calls, 1)), round(wal_fpi::numeric / greatest(calls, 1), 1),
                       round(shared_blks_dirtied::numeric / greatest(calls, 1), 1)
                FROM pg_stat_statements WHERE calls > 10 AND query NOT LIKE '%pg_stat_statements%'
                  AND query NOT LIKE 'SELECT count(*) FROM step WHERE id <=%' ORDER BY total_exec_time DESC LIMIT 14""")
                : List.of();
    }

    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak heap used, sampled every 50 ms, and the GC count/time over the window. */
    static final class HeapSampler {
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile long peak;
        private long gc0, gcMs0, gc1, gcMs1;
        private Thread thread;

        void start() {
            gc0 = gcCount0();
            gcMs0 = gcTime0();
            running.set(true);
            thread = Thread.ofPlatform().daemon().start(() -> {
                var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).toList();
                while (running.get()) {
                    long used = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
                    peak = Math.max(peak, used);
                    LockSupport.parkNanos(50_000_000);
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            gc1 = gcCount0();
            gcMs1 = gcTime0();
        }

        long peakMiB() {
            return peak >> 20;
        }

        long gcCount() {
            return gc1 - gc0;
        }

        long gcMs() {
            return gcMs1 - gcMs0;
        }

        static long gcCount0() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount())).sum();
        }

        static long gcTime0() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        }
    }

    // ---- EXPLAIN ----------------------------------------------------------------------------------------

    static final Pattern PARAM = Pattern.compile("(?<![:\\w]):([a-zA-Z][a-zA-Z0-9]*)");

    /** The worker slots of the measured application (its configuration, read at start-up). */
    int workerSlots = 1024;

    /** EXPLAIN (ANALYZE, BUFFERS) of the claim (StepClaimReady, db/queries/step.sql) in a rolled-back transaction. */
    void explainClaim(String when) throws Exception {
        String sql = namedStatement("step", "StepClaimReady");
        int limit = workerSlots; // a full claim, as the measured application makes it
        Map<String, String> values = Map.of("queue", "'default'", "now", "now()", "limit", String.valueOf(limit),
                "owner", "'explain'", "leaseExpiresAt", "now() + interval '60 seconds'");
        Matcher m = PARAM.matcher(sql);
        StringBuilder literal = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(literal, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(literal);
        var c = db.connection();
        c.setAutoCommit(false);
        try {
            List<List<String>> plan = db.rows("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + literal);
            line("EXPLAIN ANALYZE of the claim (`StepClaimReady`, LIMIT " + limit + "), " + when + ":");
            line("");
            line("```");
            plan.forEach(row -> line(row.get(0)));
            line("```");
            line("");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    static String namedStatement(String file, String name) throws IOException {
        try (InputStream in = Bench.class.getClassLoader().getResourceAsStream("db/queries/" + file + ".sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder body = new StringBuilder();
            boolean inside = false;
            for (String l : text.split("\n")) {
                String t = l.strip();
                if (t.startsWith("-- name:")) {
                    inside = t.substring(8).strip().equals(name);
                } else if (inside && !t.startsWith("--")) {
                    body.append(l).append('\n');
                }
            }
            return body.toString().strip().replaceAll(";$", "");
        }
    }

    // ---- (c) latency ------------------------------------------------------------------------------------

    void latency() throws Exception {
        line("## (c) Pickup latency: one execution every " + latencyIntervalMs + " ms for " + latencySeconds + " s");
        line("");
        line("Submit-to-handler-start: System.nanoTime() before `Executions.start` (so the start's own commit is "
                + "included) to the first line of the `bench:probe` handler, in the same JVM as the worker.");
        line("");
        db.truncate();
        List<Double> p50 = new ArrayList<>(), p95 = new ArrayList<>(), p99 = new ArrayList<>(), max = new ArrayList<>();
        long notStarted = 0;
        try (BenchApp app = BenchApp.start(db, true, appProperties)) {
            Executions executions = app.bean(Executions.class);
            for (int rep = -1; rep < reps; rep++) {
                int count = rep < 0 ? 2000 / latencyIntervalMs : latencySeconds * 1000 / latencyIntervalMs;
                BenchApp.PROBE_STARTS.clear();
                long[] submitted = new long[count];
                Thread.sleep(2000);
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long due = start + (long) i * latencyIntervalMs * 1_000_000;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    submitted[i] = System.nanoTime();
                    executions.start(PROBE, null, null, Json.NODES.objectNode().put("i", i));
                }
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
        line("| p50 ms | p95 ms | p99 ms | max ms | not started within 10 s |");
        line("|---:|---:|---:|---:|---:|");
        line("| " + Stats.spread(p50, 1) + " | " + Stats.spread(p95, 1) + " | " + Stats.spread(p99, 1) + " | "
                + Stats.spread(max, 1) + " | " + notStarted + " |");
        line("");
        db.truncate();
    }

    // ---- (f) fan-out ------------------------------------------------------------------------------------

    void fanOut() throws Exception {
        line("## (f) Fan-out: Map over " + Stats.fmt(mapItems, 0) + " items, MaxConcurrency " + mapConcurrency
                + ", item = one Task (stepwise:echo)");
        line("");
        List<Double> seconds = new ArrayList<>();
        ObjectNode input = Json.NODES.objectNode();
        var items = input.putArray("items");
        for (int i = 0; i < mapItems; i++) {
            items.add(i);
        }
        try (BenchApp app = BenchApp.start(db, true, appProperties)) {
            Executions executions = app.bean(Executions.class);
            for (int rep = -1; rep < reps; rep++) {
                // no TRUNCATE here: it would deadlock with the running poller; one execution per run is small
                db.exec("CHECKPOINT");
                if (statStatements) {
                    db.exec("SELECT pg_stat_statements_reset()");
                }
                long t0 = System.nanoTime();
                ExecutionRecord e = executions.start(MAP, null, null, input).execution();
                long deadline = t0 + TimeUnit.SECONDS.toNanos(600);
                ExecutionRecord now;
                while ((now = executions.find(e.id()).orElseThrow()).status().name().equals("RUNNING")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Map did not finish in 600 s");
                    }
                    Thread.sleep(20);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (!now.status().name().equals("SUCCEEDED") || now.output().size() != mapItems) {
                    throw new IllegalStateException("Map ended " + now.status() + " " + now.error() + " " + now.cause());
                }
                if (rep >= 0) {
                    seconds.add(s);
                }
            }
        }
        if (statStatements) {
            line("pg_stat_statements of the last run (per item = per Map iteration):");
            line("");
            line("| calls per item | mean ms | total ms | rows per call | statement |");
            line("|---:|---:|---:|---:|---|");
            for (List<String> st : db.rows("""
                    SELECT calls, round(mean_exec_time::numeric, 3), round(total_exec_time::numeric, 0),
                           round(rows::numeric / greatest(calls, 1), 2), left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
                    FROM pg_stat_statements WHERE calls > 10 AND query NOT LIKE '%pg_stat_statements%'
                    ORDER BY total_exec_time DESC LIMIT 10""")) {
                line("| " + Stats.fmt(Double.parseDouble(st.get(0)) / mapItems, 3) + " | " + st.get(1) + " | " + st.get(2)
                        + " | " + st.get(3) + " | `" + st.get(4) + "` |");
            }
            line("");
        }
        line("| seconds (start to SUCCEEDED) | items/s |");
        line("|---:|---:|");
        line("| " + Stats.spread(seconds, 2) + " | " + Stats.spread(seconds.stream().map(s -> mapItems / s).toList(), 0) + " |");
        line("");
        db.truncate();
    }

    // ---- (e) soak ---------------------------------------------------------------------------------------

    /** Starts per submission in the soak: 1 = {@code Executions.start} each; more = {@code Executions.startAll}. */
    static final int SOAK_BATCH = Integer.getInteger("bench.soak.batch", 50);

    void soak() throws Exception {
        double rate = soakRate > 0 ? soakRate : drainPeak != null ? soakFraction * drainPeak : 1000;
        int minutes = (int) Math.ceil(soakMinutes);
        long durationNs = (long) (soakMinutes * 60e9);
        line("## (e) Soak: " + soakMinutes + " min at " + Stats.fmt(rate, 0) + " executions/s offered ("
                + (soakRate > 0 ? "bench.soak.rate" : drainPeak != null ? pct(soakFraction) + " of the drain median"
                : "default, no drain measured") + "), one-Task workflow, submitted while workers run "
                + (SOAK_BATCH > 1 ? "through `Executions.startAll` in batches of " + SOAK_BATCH : "through `Executions.start`") + " from 16 threads");
        line("");
        db.truncate();
        db.settle();
        int threads = 16;
        AtomicLong submitted = new AtomicLong();
        AtomicLong behind = new AtomicLong();
        List<String> rows = new ArrayList<>();
        rows.add("| minute | offered/s | submitted/s | completed/s | ready steps at end | step total / heap / step_pkey / step_ready_idx / step_execution_idx (kB) "
                + "| execution total (MB) | history total (MB) | dead tuples step / execution / history | autovacuums step | JVM heap used MiB |");
        rows.add("|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|");
        Instant t0Wall;
        long soakCpu0;
        Map<String, Long> soakPg0;
        long soakJvmCpuMs;
        double soakPgCpuS;
        List<List<String>> soakStatements;
        try (BenchApp app = BenchApp.start(db, true, appProperties)) {
            Executions executions = app.bean(Executions.class);
            AtomicBoolean running = new AtomicBoolean(true);
            if (statStatements) {
                db.exec("SELECT pg_stat_statements_reset()");
            }
            soakCpu0 = jvmCpuNanos();
            soakPg0 = db.postgresCpuTicks();
            long start = System.nanoTime();
            t0Wall = Instant.now();
            double perThreadIntervalNs = 1e9 * threads * SOAK_BATCH / rate;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int offset = t;
                pool.submit(() -> {
                    long k = 0;
                    while (running.get()) {
                        long due = start + (long) ((k + offset / (double) threads) * perThreadIntervalNs);
                        long now = System.nanoTime();
                        if (due > now) {
                            LockSupport.parkNanos(due - now);
                        } else if (now - due > 1_000_000_000L) {
                            behind.incrementAndGet();
                        }
                        if (!running.get()) {
                            break;
                        }
                        if (SOAK_BATCH > 1) {
                            executions.startAll(batchOfStarts(k * SOAK_BATCH, SOAK_BATCH));
                        } else {
                            executions.start(TASK, null, null, Json.NODES.objectNode().put("n", k));
                        }
                        submitted.addAndGet(SOAK_BATCH);
                        k++;
                    }
                    return null;
                });
            }
            long lastSubmitted = 0;
            for (int minute = 1; minute <= minutes; minute++) {
                long end = start + Math.min(durationNs, minute * 60_000_000_000L);
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                }
                long sub = submitted.get();
                double span = Math.min(60, (durationNs - (minute - 1) * 60e9) / 1e9);
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
                long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                rows.add("| " + minute + " | " + Stats.fmt(rate, 0) + " | " + Stats.fmt((sub - lastSubmitted) / span, 0)
                        + " | %s | " + s.get(11) + " | " + s.get(0) + " / " + s.get(1) + " / " + s.get(2) + " / "
                        + s.get(3) + " / " + s.get(4) + " | " + s.get(5) + " | " + s.get(6) + " | " + s.get(7) + " / "
                        + s.get(8) + " / " + s.get(9) + " | " + s.get(10) + " | " + heapUsed + " |");
                lastSubmitted = sub;
                System.err.println("soak minute " + minute + ": submitted " + sub);
            }
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            soakJvmCpuMs = (jvmCpuNanos() - soakCpu0) / 1_000_000;
            soakPgCpuS = db.postgresCpuSecondsSince(soakPg0);
            soakStatements = topStatements();
        }
        Map<Integer, Long> completed = new HashMap<>();
        for (var r : db.rows("SELECT floor(extract(epoch FROM stop_date - '" + t0Wall + "'::timestamptz) / 60)::int + 1, count(*) "
                + "FROM execution WHERE stop_date IS NOT NULL GROUP BY 1")) {
            completed.put(Integer.parseInt(r.get(0)), Long.parseLong(r.get(1)));
        }
        List<Double> perMinute = new ArrayList<>();
        for (int i = 2; i < rows.size(); i++) {
            int minute = i - 1;
            double span = Math.min(60, (durationNs - (minute - 1) * 60e9) / 1e9);
            double c = completed.getOrDefault(minute, 0L) / span;
            perMinute.add(c);
            rows.set(i, rows.get(i).formatted(Stats.fmt(c, 0)));
        }
        rows.forEach(this::line);
        line("");
        if (perMinute.size() >= 2) {
            line("Last minute vs first minute completions: " + pct(perMinute.get(perMinute.size() - 1) / perMinute.get(0))
                    + "; submitter threads more than 1 s behind schedule: " + behind.get() + " times.");
            line("");
        }
        long done = completed.values().stream().mapToLong(Long::longValue).sum();
        if (done > 0) {
            line("CPU over the whole soak per completed execution (its start included): this JVM "
                    + Stats.fmt(soakJvmCpuMs * 1000.0 / done, 0) + " µs, this PostgreSQL " + Stats.fmt(soakPgCpuS * 1e6 / done, 0)
                    + " µs (" + Stats.fmt(done, 0) + " executions completed).");
            line("");
        }
        if (!soakStatements.isEmpty() && done > 0) {
            line("pg_stat_statements over the whole soak, by total time:");
            line("");
            line("| calls per execution | mean ms | total ms | rows per call | WAL bytes / call | statement |");
            line("|---:|---:|---:|---:|---:|---|");
            for (List<String> st : soakStatements) {
                line("| " + Stats.fmt(Double.parseDouble(st.get(0)) / done, 3) + " | " + st.get(1) + " | " + st.get(2) + " | "
                        + st.get(3) + " | " + st.get(5) + " | `" + st.get(4) + "` |");
            }
            line("");
        }
        db.truncate();
    }

    // ---- output -----------------------------------------------------------------------------------------

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    void line(String s) {
        report.append(s).append('\n');
        System.out.println(s);
    }
}
