package io.stepwise.store;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Waits for an execution to end, for synchronous starts. A stop or timeout (on this replica, or on
 * another through {@link Signals}) wakes the waiter at once; a finish publishes no signal, so the
 * waiter also re-reads the execution on a short, growing interval (2 ms doubling up to 200 ms): a
 * quick execution answers within milliseconds and a long one costs five reads a second.
 */
@Component
class ExecutionWaiter {

    private static final Duration FIRST_CHECK = Duration.ofMillis(2);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private final ExecutionStore executions;
    private final Map<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    ExecutionWaiter(ExecutionStore executions, Signals signals) {
        this.executions = executions;
        signals.onStop(this::wake);
    }

    /**
     * The execution once it has ended, or as it is when {@code timeout} passes first. The deadline is
     * measured on the monotonic clock: it is a request's patience, not a point in execution time.
     *
     * @throws NotFoundException when there is no such execution
     */
    public ExecutionRecord awaitEnd(UUID id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_CHECK.toNanos();
        while (true) {
            CompletableFuture<Void> signal = new CompletableFuture<>();
            waiting.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(signal);
            try {
                // read after registering, so a wake between the read and the wait is not lost
                ExecutionRecord execution = executions.byId(id)
                        .orElseThrow(() -> new NotFoundException("execution", id.toString()));
                long left = deadline - System.nanoTime();
                if (execution.status().isFinished() || left <= 0) {
                    return execution;
                }
                signal.get(Math.min(pause, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return executions.byId(id).orElseThrow(() -> new NotFoundException("execution", id.toString()));
            } finally {
                waiting.computeIfPresent(id, (k, set) -> {
                    set.remove(signal);
                    return set.isEmpty() ? null : set;
                });
            }
        }
    }

    @TransactionalEventListener
    void on(ExecutionStopped event) {
        wake(event.executionId());
    }

    private void wake(UUID id) {
        Set<CompletableFuture<Void>> signals = waiting.get(id);
        if (signals != null) {
            signals.forEach(s -> s.complete(null));
        }
    }
}
