package io.stepwise.worker;

import io.stepwise.store.Completion;
import io.stepwise.store.GroupCommit;
import io.stepwise.store.StepCompletions;
import io.stepwise.store.WorkObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Commits the completions of many steps in one transaction ({@link GroupCommit}). Worker threads hand
 * their completion over and wait for its commit, so a slot is only freed once its work is durable.
 */
@Component
class CompletionBatcher extends GroupCommit<Completion, Boolean> {

    /** As large as a claim can be by default: a drained claim then commits in one transaction. */
    static final int MAX_BATCH = 1024;

    CompletionBatcher(StepCompletions completions, WorkObserver observer, Clock clock) {
        super("stepwise-completer", MAX_BATCH, batch -> {
            long start = System.nanoTime();
            boolean[] applied = completions.apply(batch);
            observer.completionsCommitted(batch.size(), System.nanoTime() - start);
            Instant now = clock.instant();
            List<Boolean> results = new ArrayList<>(applied.length);
            for (int i = 0; i < applied.length; i++) {
                results.add(applied[i]);
                if (applied[i]) {
                    observer.completed(batch.get(i), now);
                }
            }
            return results;
        });
    }

    /** Commits the completion (batched with others) and returns whether it was applied. */
    boolean commit(Completion completion) {
        return submit(completion);
    }

    /** Stops after the poller and its workers (lower phase stops later), so their completions still commit. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
