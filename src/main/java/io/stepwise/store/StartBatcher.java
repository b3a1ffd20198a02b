package io.stepwise.store;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The group commit of single starts: concurrent {@link Executions#start} calls hand their request to
 * one thread, which applies whatever has queued in one transaction ({@link ExecutionStarts#apply},
 * through its transactional proxy) and answers each caller.
 */
@Component
class StartBatcher implements SmartLifecycle {

    /** As large as a default claim: a burst of starts commits in as few transactions as it is drained. */
    static final int MAX_BATCH = 1024;

    private final GroupCommit<Executions.StartRequest, Executions.StartResult> committer;

    StartBatcher(ExecutionStarts starts) {
        this.committer = new GroupCommit<>("stepwise-starter", MAX_BATCH, starts::apply);
    }

    Executions.StartResult submit(Executions.StartRequest request) {
        return committer.submit(request);
    }

    @Override
    public void start() {
        committer.start();
    }

    @Override
    public void stop() {
        committer.stop();
    }

    @Override
    public boolean isRunning() {
        return committer.isRunning();
    }
}
