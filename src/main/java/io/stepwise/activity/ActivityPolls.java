package io.stepwise.activity;

import io.stepwise.store.ActivityScheduled;
import io.stepwise.store.Callbacks;
import io.stepwise.store.Namespace;
import io.stepwise.store.Signals;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Long polls of activities: a poll that finds no task waits until a task is scheduled for its activity
 * on any replica (LISTEN/NOTIFY through {@link Signals}), and looks again at least every second in case
 * a notification was lost. Each task goes to exactly one poller ({@link Callbacks#poll}).
 */
@Component
public class ActivityPolls {

    /** How often a waiting poll looks on its own, notification or not. */
    static final Duration FALLBACK = Duration.ofSeconds(1);

    /** A task handed to a worker: the token to answer with, and the input. */
    public record ActivityTask(String taskToken, JsonNode input) {
    }

    private final Callbacks callbacks;
    private final HmacTaskTokens tokens;
    private final Map<String, Waiters> waiters = new ConcurrentHashMap<>();

    ActivityPolls(Callbacks callbacks, HmacTaskTokens tokens, Signals signals) {
        this.callbacks = callbacks;
        this.tokens = tokens;
        signals.onActivityScheduled(this::wake);
    }

    /**
     * The next task of {@code namespace}'s {@code activity}, waiting up to {@code wait} for one; empty when
     * none came.
     */
    public Optional<ActivityTask> poll(Namespace namespace, String activity, String workerName, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Waiters w = waiters.computeIfAbsent(ActivityScheduled.key(namespace, activity), a -> new Waiters());
        while (true) {
            long generation = w.generation(); // read before looking, so a wake-up in between is not missed
            Optional<Callbacks.PolledTask> task = callbacks.poll(namespace, activity, workerName);
            if (task.isPresent()) {
                return Optional.of(new ActivityTask(tokens.token(task.get().attemptKey()), task.get().input()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            w.awaitChange(generation, Math.min(left, FALLBACK.toNanos()));
        }
    }

    void wake(String activity) {
        Waiters w = waiters.get(activity);
        if (w != null) {
            w.wake();
        }
    }

    /** The polls of one activity waiting on this replica. */
    private static final class Waiters {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long generation;

        long generation() {
            lock.lock();
            try {
                return generation;
            } finally {
                lock.unlock();
            }
        }

        void wake() {
            lock.lock();
            try {
                generation++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void awaitChange(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                long left = nanos;
                while (generation == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
