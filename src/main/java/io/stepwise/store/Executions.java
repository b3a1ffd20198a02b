package io.stepwise.store;

import java.util.Optional;
import java.util.UUID;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Starting and reading executions. */
@Service
public class Executions implements SmartLifecycle {

    /** As large as a default claim: a burst of starts commits in as few transactions as it is drained. */
    static final int MAX_BATCH = 1024;

    private final ExecutionStore executions;
    private final GroupCommit<ExecutionStarts.Request, ExecutionStarts.Result> committer;

    Executions(ExecutionStore executions, ExecutionStarts starts) {
        this.executions = executions;
        this.committer = new GroupCommit<>("stepwise-starter", MAX_BATCH, starts::apply);
    }

    /** The started (or, for a repeated named start, the existing) execution, and whether it is new. */
    public record Start(ExecutionRecord execution, boolean created) {
    }

    /**
     * Starts an execution: its row and its first step are written in one transaction, shared with the
     * other starts made at the same moment (group commit: under load hundreds of starts share one
     * commit). It commits on its own, even when the caller is inside a transaction. A start with the
     * name of an existing execution returns that execution when the input is the same.
     *
     * @param version null for the latest version
     * @param name null for a generated name
     * @throws NotFoundException when the state machine (version) does not exist
     * @throws ExecutionConflictException when the name is taken by an execution with other input
     */
    public Start start(String stateMachine, Integer version, String name, JsonNode input) {
        return committer.submit(new ExecutionStarts.Request(stateMachine, version, name, input)).orThrow();
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

    @Transactional(readOnly = true)
    public Optional<ExecutionRecord> find(UUID id) {
        return executions.byId(id);
    }
}
