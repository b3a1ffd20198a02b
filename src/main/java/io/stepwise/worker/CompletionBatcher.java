package io.stepwise.worker;

import io.stepwise.store.Completion;
import io.stepwise.store.StepCompletions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Commits the completions of many steps in one transaction. Worker threads hand their completion
 * over and wait for its commit (so a slot is only freed once its work is durable); one thread drains
 * whatever has queued up, up to {@link #MAX_BATCH}, while the previous batch commits. Under load a
 * commit (and its fsync) is shared by dozens of steps; idle, a lone completion commits at once.
 */
@Component
class CompletionBatcher implements SmartLifecycle {

    static final int MAX_BATCH = 1024;
    private static final Logger log = LoggerFactory.getLogger(CompletionBatcher.class);

    private record Pending(Completion completion, CompletableFuture<Boolean> applied) {
    }

    private final StepCompletions completions;
    private final InFlightSteps inFlight;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    CompletionBatcher(StepCompletions completions, InFlightSteps inFlight) {
        this.completions = completions;
        this.inFlight = inFlight;
    }

    /** Commits the completion (batched with others) and returns whether it was applied. */
    boolean commit(Completion completion) {
        if (!running) {
            return completions.apply(List.of(completion))[0];
        }
        var pending = new Pending(completion, new CompletableFuture<>());
        queue.add(pending);
        return pending.applied().join();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                applyBatch(batch);
            } catch (Error e) {
                // never leave workers waiting on a dead completer
                batch.forEach(p -> p.applied().completeExceptionally(e));
                log.error("The completer failed on a batch of {}", batch.size(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void applyBatch(List<Pending> batch) {
        if (inFlight.isHalted()) {
            batch.forEach(p -> p.applied().complete(false)); // a dead replica commits nothing
            return;
        }
        try {
            boolean[] applied = completions.apply(batch.stream().map(Pending::completion).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).applied().complete(applied[i]);
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.getFirst().applied().completeExceptionally(batchFailure);
                return;
            }
            // one bad completion must not sink the others: apply each on its own
            log.warn("A batch of {} completions failed; applying them one by one", batch.size(), batchFailure);
            for (Pending pending : batch) {
                try {
                    pending.applied().complete(completions.apply(List.of(pending.completion()))[0]);
                } catch (RuntimeException e) {
                    pending.applied().completeExceptionally(e);
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("stepwise-completer").daemon().start(this::drain);
    }

    @Override
    public void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a completion handed over just as the thread exited is applied here, not left waiting
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            applyBatch(left);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the poller and its workers (lower phase stops later), so their completions still commit. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
