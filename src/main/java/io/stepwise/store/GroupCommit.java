package io.stepwise.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit: threads hand over one item each and wait for its result; one committer thread takes
 * whatever has queued up (at most {@code maxBatch}) and applies it in one call, typically one
 * transaction, while the next items queue behind it. Under load a commit and its fsync are shared by
 * hundreds of items; idle, a lone item is applied at once.
 *
 * <p>The batch function returns one result per item, in order. When it throws, the items are applied
 * one by one, so one bad item fails only its own caller. When the committer is not running (before
 * start, after stop) callers apply their item themselves.
 *
 * A Spring bean that extends it is started and stopped with the context.
 *
 * @param <T> what callers hand over
 * @param <R> what each caller gets back
 */
public class GroupCommit<T, R> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final String name;
    private final int maxBatch;
    private final long lingerNanos;
    private final Function<List<T>, List<R>> apply;
    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile Thread thread;

    public GroupCommit(String name, int maxBatch, Function<List<T>, List<R>> apply) {
        this(name, maxBatch, Duration.ZERO, apply);
    }

    /**
     * @param linger how long a batch may wait for more items after its first one: zero for callers that
     *        wait for their result (they must not wait longer), more where nobody waits for the commit
     */
    public GroupCommit(String name, int maxBatch, Duration linger, Function<List<T>, List<R>> apply) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.apply = apply;
    }

    /** Applies the item (batched with others) and returns its result; the batch's exception for a lone item. */
    public R submit(T item) {
        try {
            return handOver(item).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Queues the item and returns at once with its result to come. Items are applied in the order they
     * were handed over, so once an item's result is complete every item handed over before it is applied
     * too. When the committer is not running the item is applied here, before this returns.
     */
    protected CompletableFuture<R> handOver(T item) {
        if (!running) {
            try {
                return CompletableFuture.completedFuture(apply.apply(List.of(item)).getFirst());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        var pending = new Pending<T, R>(item, new CompletableFuture<>());
        queue.add(pending);
        if (lingerNanos > 0 && queue.size() >= maxBatch - 1) {
            LockSupport.unpark(thread); // a lingering committer has a full batch: no reason to wait longer
        }
        return pending.result();
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::drain);
    }

    /** Stops the committer; items handed over meanwhile are applied before this returns. */
    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            applyBatch(left);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Items handed over and not yet taken into a batch. */
    int waiting() {
        return queue.size();
    }

    private void drain() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                linger(batch);
                applyBatch(batch);
            } catch (Error e) {
                // never leave callers waiting on a dead committer
                batch.forEach(p -> p.result().completeExceptionally(e));
                log.error("{} failed on a batch of {}", name, batch.size(), e);
            } catch (InterruptedException e) {
                // interrupted while lingering: what was taken must still be applied, or its callers wait forever
                if (!batch.isEmpty()) {
                    applyBatch(batch);
                }
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Parks until the linger ends or a batch's worth has queued (handOver unparks it then), and takes what
     * has queued meanwhile. Parked, not polling: a poll per item would wake this thread for every item, a
     * context switch per audited call.
     */
    private void linger(List<Pending<T, R>> batch) throws InterruptedException {
        if (lingerNanos == 0) {
            return; // its callers wait for their results: the batch goes as taken
        }
        long deadline = System.nanoTime() + lingerNanos;
        for (long left = lingerNanos; left > 0 && batch.size() + queue.size() < maxBatch;
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        queue.drainTo(batch, maxBatch - batch.size());
    }

    private void applyBatch(List<Pending<T, R>> batch) {
        try {
            List<R> results = apply.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(batchFailure);
                return;
            }
            // one bad item must not sink the others: apply each on its own
            log.warn("{}: a batch of {} failed; applying its items one by one", name, batch.size(), batchFailure);
            for (Pending<T, R> pending : batch) {
                try {
                    pending.result().complete(apply.apply(List.of(pending.item())).getFirst());
                } catch (RuntimeException e) {
                    pending.result().completeExceptionally(e);
                }
            }
        }
    }
}
