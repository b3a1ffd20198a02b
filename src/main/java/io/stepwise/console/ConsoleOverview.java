package io.stepwise.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The overview's figures, read from the same meters Prometheus scrapes (docs/metrics.md): executions
 * started and failed per minute, and the queue lag the maintenance leader samples. Counters are this
 * replica's own, so with several replicas the figures are this replica's share; the queue lag is the
 * whole queue's, shown on the leader (elsewhere it says so). Sampled every 10 s for the last 10 minutes.
 */
@Component
class ConsoleOverview {

    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final int KEPT = 61;

    private record Sample(Instant at, double started, double failed) {
    }

    /** One minute of the chart, oldest first. */
    record Minute(Instant end, long started, long failed) {
    }

    /** @param queueLagSeconds null when this replica has no current sample (not the leader, or metrics off) */
    record Figures(boolean metricsOn, long startedLastMinute, long failedLastMinute, long failedLast10Minutes,
            Double queueLagSeconds, Double readySteps, List<Minute> minutes) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    ConsoleOverview(MeterRegistry registry, Clock clock, ConsoleScheduler scheduler) {
        this.registry = registry;
        this.clock = clock;
        scheduler.every(SAMPLE_EVERY, this::sample);
    }

    synchronized void sample() {
        samples.addLast(new Sample(clock.instant(), sum("stepwise.executions.started", null),
                sum("stepwise.executions.finished", "FAILED")));
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }

    synchronized Figures figures() {
        boolean on = !registry.find("stepwise.claim.duration").meters().isEmpty();
        Sample now = new Sample(clock.instant(), sum("stepwise.executions.started", null),
                sum("stepwise.executions.finished", "FAILED"));
        List<Sample> all = new ArrayList<>(samples);
        all.add(now);
        List<Minute> minutes = new ArrayList<>();
        for (int end = all.size() - 1; end - 6 >= 0 && minutes.size() < 10; end -= 6) {
            Sample a = all.get(end - 6);
            Sample b = all.get(end);
            minutes.addFirst(new Minute(b.at(), Math.round(b.started() - a.started()), Math.round(b.failed() - a.failed())));
        }
        Sample minuteAgo = all.get(Math.max(0, all.size() - 7));
        Sample first = all.getFirst();
        Double lag = max("stepwise.queue.oldest.ready.age");
        Double ready = sumGauge("stepwise.queue.steps", "ready");
        return new Figures(on, Math.round(now.started() - minuteAgo.started()),
                Math.round(now.failed() - minuteAgo.failed()), Math.round(now.failed() - first.failed()), lag, ready,
                minutes);
    }

    private double sum(String name, String status) {
        var search = registry.find(name);
        if (status != null) {
            search = search.tag("status", status);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private Double sumGauge(String name, String status) {
        var gauges = registry.find(name).tag("status", status).gauges();
        double total = gauges.stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
        return gauges.isEmpty() || gauges.stream().allMatch(g -> Double.isNaN(g.value())) ? null : total;
    }

    private Double max(String name) {
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v))
                .boxed().max(Double::compare).orElse(null);
    }
}
