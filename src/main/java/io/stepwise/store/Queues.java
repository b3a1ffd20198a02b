package io.stepwise.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues as people manage them: their limits (concurrency, rate), pausing and resuming, and what is in
 * them. The settings are the JPA catalog ({@link QueueSettings}); the limits are enforced by the claim
 * ({@link StepClaims#claim}). A queue exists as soon as a step is on it; it needs a row only for settings.
 */
@Service
public class Queues {

    /** JPA writes need a JPA transaction; the engine's own transactions stay plain JDBC (config). */
    static final String CATALOG = ScheduleRepository.TRANSACTION_MANAGER;

    private final QueueSettingsRepository catalog;
    private final QueueStore store;
    private final QueueLimits limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Queues(QueueSettingsRepository catalog, QueueStore store, QueueLimits limits, Clock clock,
            ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A queue's settings, replaced: null {@code concurrency} or {@code rateLimit} for no such limit; a
     * null {@code paused} keeps the queue as it is (running, for a new one).
     */
    public record Settings(Integer concurrency, QueueView.RateLimit rateLimit, Boolean paused) {

        public Settings {
            if (concurrency != null && concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
            if (rateLimit != null && (rateLimit.limit() < 1 || rateLimit.periodSeconds() < 1)) {
                throw new IllegalArgumentException("a rate limit and its period are at least 1, got " + rateLimit);
            }
        }
    }

    /** Creates or replaces the queue's settings; @return the queue as it now is */
    @Transactional(CATALOG)
    public QueueView put(String name, Settings settings) {
        Instant now = now();
        QueueSettings row = settingsRow(name, now);
        QueueView.RateLimit rate = settings.rateLimit();
        row.limit(settings.concurrency(), rate == null ? null : rate.limit(), rate == null ? null : rate.periodSeconds(),
                now);
        if (settings.paused() != null) {
            row.paused(settings.paused(), now);
        }
        catalog.save(row);
        changed();
        return view(row, countsOf(name));
    }

    /** @return the paused queue (a row is made for a queue that had none) */
    @Transactional(CATALOG)
    public QueueView pause(String name) {
        return setPaused(name, true);
    }

    /** @return the queue, claimed again at once by every replica that serves it */
    @Transactional(CATALOG)
    public QueueView resume(String name) {
        return setPaused(name, false);
    }

    private QueueView setPaused(String name, boolean paused) {
        Instant now = now();
        QueueSettings row = settingsRow(name, now);
        row.paused(paused, now);
        catalog.save(row);
        changed();
        return view(row, countsOf(name));
    }

    /** The queue's settings row, made first if it has none (so concurrent first settings cannot collide). */
    private QueueSettings settingsRow(String name, Instant now) {
        store.ensureRow(checked(name), now);
        return catalog.findById(name).orElseThrow();
    }

    /** The queue's settings and counts; empty when it has neither settings nor steps nor recent failures. */
    @Transactional(transactionManager = CATALOG, readOnly = true)
    public Optional<QueueView> find(String name) {
        Optional<QueueSettings> row = catalog.findById(checked(name));
        Map<String, QueueView.Counts> counts = store.counts(name, now());
        if (row.isEmpty() && !counts.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(view(row.orElse(null), name, counts.getOrDefault(name, QueueView.Counts.NONE)));
    }

    /** Every queue with settings, steps or failures in the last hour, by name (there are few). */
    @Transactional(transactionManager = CATALOG, readOnly = true)
    public List<QueueView> list() {
        Map<String, QueueView.Counts> counts = store.counts(null, now());
        Map<String, QueueSettings> rows = new java.util.HashMap<>();
        catalog.findAll().forEach(row -> rows.put(row.name(), row));
        TreeSet<String> names = new TreeSet<>(rows.keySet());
        names.addAll(counts.keySet());
        List<QueueView> views = new ArrayList<>();
        for (String name : names) {
            views.add(view(rows.get(name), name, counts.getOrDefault(name, QueueView.Counts.NONE)));
        }
        return views;
    }

    private QueueView.Counts countsOf(String name) {
        return store.counts(name, now()).getOrDefault(name, QueueView.Counts.NONE);
    }

    private static QueueView view(QueueSettings row, QueueView.Counts counts) {
        return view(row, row.name(), counts);
    }

    private static QueueView view(QueueSettings row, String name, QueueView.Counts counts) {
        if (row == null) {
            return new QueueView(name, null, null, false, null, counts);
        }
        QueueView.RateLimit rate = row.rateLimit() == null ? null
                : new QueueView.RateLimit(row.rateLimit(), row.ratePeriodSeconds());
        return new QueueView(name, row.concurrency(), rate, row.paused(), row.updatedAt(), counts);
    }

    /** This replica claims by the new settings at once; others within QueueLimits.FRESH, woken now. */
    private void changed() {
        limits.changed();
        events.publishEvent(new WorkAvailable());
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what is returned equals what a later read returns
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String checked(String name) {
        if (!Placement.isQueueName(name)) {
            throw new IllegalArgumentException("not a queue name: " + name);
        }
        return name;
    }
}
