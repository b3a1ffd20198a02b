package io.stepwise.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stepwise.maintenance.MaintenanceTask;
import io.stepwise.store.QueueLag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The queue-lag gauges. Counting the backlog costs a query, so it runs on the maintenance leader only,
 * every {@code stepwise.metrics.queue-lag-interval}, and scrapes read the cached answer: however many
 * replicas and scrapers there are, the database sees one query per interval.
 *
 * <p>The count reads every READY and RUNNING row, so its cost grows with the backlog: 2 s a query with
 * 4.9 million ready steps (docs/performance.md, the seventh session's soak), a third of a core at one
 * query every 5 s, taken from the workers that were behind. A count is therefore taken no sooner than
 * {@value #SPACING_PER_COUNT} times its predecessor's duration after it ended, so counting never takes
 * more than about 5 % of the time, and the gauges go stale only after three such spacings.
 *
 * <p>Only the leader reports these series. A replica that never led has none; one that led and lost
 * the lease reports NaN once its last sample is older than three intervals, so a stale number never
 * looks current. Dashboards and alerts aggregate with {@code max by (queue)}, which skips NaN.
 */
@Component
class QueueLagSampler implements MaintenanceTask {

    /** A sample, when its count ended, and how long the count took. */
    private record Sample(Map<String, QueueLag.Depth> byQueue, Instant at, Duration took) {

        /** How long after this count the next may start: a fast count's is shorter than the interval. */
        Duration spacing() {
            return took.multipliedBy(SPACING_PER_COUNT);
        }
    }

    static final int SPACING_PER_COUNT = 20;

    private final QueueLag lag;
    private final MeterRegistry registry;
    private final MetricsProperties properties;
    private final Clock clock;
    private final BoundedTagValues queues;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Sample last = new Sample(Map.of(), Instant.MIN, Duration.ZERO);

    QueueLagSampler(QueueLag lag, MeterRegistry registry, MetricsProperties properties, Clock clock) {
        this.lag = lag;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.queues = new BoundedTagValues(properties.maxStateMachines(), 200);
    }

    @Override
    public Duration interval() {
        return properties.queueLagInterval();
    }

    @Override
    public void run() {
        Instant start = clock.instant();
        if (start.isBefore(last.at().plus(last.spacing()))) {
            return;
        }
        Map<String, QueueLag.Depth> byQueue = lag.sample().stream()
                .collect(Collectors.toMap(d -> queues.of(d.queue()), d -> d, QueueLag.Depth::plus));
        Instant end = clock.instant();
        last = new Sample(byQueue, end, Duration.between(start, end));
        byQueue.keySet().forEach(this::register);
    }

    private void register(String queue) {
        if (!registered.add(queue)) {
            return;
        }
        steps(queue, "ready", QueueLag.Depth::ready);
        steps(queue, "running", QueueLag.Depth::running);
        steps(queue, "waiting", QueueLag.Depth::waiting);
        Gauge.builder("stepwise.queue.oldest.ready.age", this, s -> s.value(queue,
                        d -> d.oldestReadyAge().toNanos() / 1e9))
                .description("How long the oldest due step of the queue has waited for a worker")
                .baseUnit("seconds").tag("queue", queue).register(registry);
    }

    private void steps(String queue, String status, ToDoubleFunction<QueueLag.Depth> count) {
        Gauge.builder("stepwise.queue.steps", this, s -> s.value(queue, count))
                .description("Steps of the queue: ready (due), running, waiting (a Wait or a retry backoff)")
                .tag("queue", queue).tag("status", status).register(registry);
    }

    private double value(String queue, ToDoubleFunction<QueueLag.Depth> read) {
        Sample sample = last;
        Duration every = sample.spacing().compareTo(interval()) > 0 ? sample.spacing() : interval();
        if (sample.at().isBefore(clock.instant().minus(every.multipliedBy(3)))) {
            return Double.NaN;
        }
        QueueLag.Depth depth = sample.byQueue().get(queue);
        return depth == null ? 0 : read.applyAsDouble(depth);
    }
}
