package io.stepwise.store;

import org.springframework.stereotype.Component;

/**
 * The group commit of single starts: concurrent {@link Executions#start} calls hand their request to
 * one thread, which applies whatever has queued in one transaction ({@link ExecutionStarts#apply},
 * through its transactional proxy) and answers each caller.
 */
@Component
class StartBatcher extends GroupCommit<Executions.StartRequest, Executions.StartResult> {

    /** As large as a default claim: a burst of starts commits in as few transactions as it is drained. */
    static final int MAX_BATCH = 1024;

    StartBatcher(ExecutionStarts starts) {
        super("stepwise-starter", MAX_BATCH, starts::apply);
    }
}
