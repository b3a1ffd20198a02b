package io.stepwise.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code bench.*} system property of the benchmark, read once at start-up (docs/performance.md
 * lists them with their full and quick values), and the {@code stepwise.*} / {@code spring.*} ones,
 * which go on to the applications it starts.
 */
final class BenchSettings {

    final boolean quick = Boolean.getBoolean("bench.quick");
    final List<String> scenarios = Arrays.asList(System.getProperty("bench.scenario", "all").split(","));
    final int reps = Integer.getInteger("bench.reps", 3);
    final int drainN = Integer.getInteger("bench.n", quick ? 10_000 : 100_000);
    // at least 100,000: a shorter warm-up left the JIT compiling through the first measured drains (with
    // N = 20,000 the JVM then used 95 µs of CPU per execution instead of 21)
    final int warmupN = Integer.getInteger("bench.warmup.n", Math.max(drainN, 100_000));
    // running (default): one worker application per drain scenario, its poller paused while a drain is
    // seeded, like a service that has been up for a while; fresh: a new application for every drain,
    // whose start-up JIT work then overlaps the drain
    final boolean freshAppPerDrain = "fresh".equals(System.getProperty("bench.drain.app", "running"));
    final int backlogN = Integer.getInteger("bench.backlog", quick ? 50_000 : 1_000_000);
    final int submitN = Integer.getInteger("bench.submit.n", quick ? 3_000 : 20_000);
    final List<Integer> submitThreads = Arrays.stream(System.getProperty("bench.submit.threads", "1,16").split(","))
            .map(Integer::parseInt).toList();
    /** Batch size of the {@code Executions.startAll} row of (a). */
    final int submitBatch = Integer.getInteger("bench.submit.batch", 100);
    final int httpClients = Integer.getInteger("bench.http.clients", 16);
    final int latencySeconds = Integer.getInteger("bench.latency.seconds", quick ? 10 : 30);
    final int latencyIntervalMs = Integer.getInteger("bench.latency.interval-ms", 10);
    final int activityN = Integer.getInteger("bench.activity.n", quick ? 4_000 : 20_000);
    final int activityWorkers = Integer.getInteger("bench.activity.workers", 32);
    final int activityWakeUps = Integer.getInteger("bench.activity.wake-ups", quick ? 100 : 500);
    final double soakMinutes = Double.parseDouble(System.getProperty("bench.soak.minutes", quick ? "1" : "20"));
    final double soakFraction = Double.parseDouble(System.getProperty("bench.soak.fraction", "0.7"));
    final double soakRate = Double.parseDouble(System.getProperty("bench.soak.rate", "0"));
    /** Starts per submission in the soak: 1 = {@code Executions.start} each; more = {@code Executions.startAll}. */
    final int soakBatch = Integer.getInteger("bench.soak.batch", 50);
    /** A snapshot held open from this minute of the soak (0: none), as a long transaction would hold it. */
    final int soakHoldFrom = Integer.getInteger("bench.soak.hold-from", 0);
    /** ... to this minute. */
    final int soakHoldTo = Integer.getInteger("bench.soak.hold-to", 0);
    final int mapItems = Integer.getInteger("bench.map.items", quick ? 1_000 : 10_000);
    /** One (f) run per MaxConcurrency listed (0: unlimited). */
    final List<Integer> mapConcurrencies = Arrays.stream(System.getProperty("bench.map.concurrency", "0,100").split(","))
            .map(Integer::parseInt).toList();
    /** Starts per burst in (g) and (h), and the HTTP clients that send them. */
    final int burstN = Integer.getInteger("bench.burst.n", quick ? 5_000 : 20_000);
    final int burstClients = Integer.getInteger("bench.burst.clients", 64);
    /**
     * How many bursts of N the service drains before the timed one in (g) and (l): 1 unless told. A Stepwise
     * JVM's compiler is not done after one (docs/performance.md); the peer comparison takes each side's
     * fourth drain, and restarting the applications for another rep would undo part of what the compiler
     * learnt (Spring's start-up reaches the same JDK methods with other types).
     */
    final int burstWarmups = Integer.getInteger("bench.burst.warmups", 1);
    final int burstIdleSeconds = Integer.getInteger("bench.burst.idle-seconds", quick ? 20 : 120);
    /**
     * How (g), (h) and (l) see the end of a drain: {@code meter} (the worker's own count of finished
     * executions, then one confirming query, as the peers' harness does) or {@code db} (a count(*) of the
     * execution table every 20 ms, the method before 2026-12-07, which loads the database it measures).
     */
    final String burstWatch = System.getProperty("bench.burst.watch", "meter");
    final Map<String, String> appProperties = new HashMap<>();

    BenchSettings() {
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("stepwise.") || key.startsWith("spring.")) {
                appProperties.put(key, v.toString());
            }
        });
    }

    /** {@code bench.scenario} is a comma-separated list of scenario names, or {@code all}. */
    boolean wants(String scenario) {
        return scenarios.contains(scenario) || scenarios.contains("all");
    }
}
