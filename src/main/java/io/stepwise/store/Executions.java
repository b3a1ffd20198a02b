package io.stepwise.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Starting and reading executions. */
@Service
public class Executions implements SmartLifecycle {

    /** As large as a default claim: a burst of starts commits in as few transactions as it is drained. */
    static final int MAX_BATCH = 1024;

    /** The most starts one {@link #startAll} call takes: its statements carry every row at once. */
    public static final int MAX_START_ALL = 1000;

    private final ExecutionStore executions;
    private final ExecutionStarts starts;
    private final GroupCommit<ExecutionStarts.Request, ExecutionStarts.Result> committer;

    Executions(ExecutionStore executions, ExecutionStarts starts) {
        this.executions = executions;
        this.starts = starts;
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

    /**
     * Starts many executions with one set of statements, for a producer that has a batch at hand (an
     * import, a burst of jobs): no hand-off to the group-commit thread, so a batch costs a fraction of
     * as many {@link #start} calls. Like {@link #start} it commits on its own, also when the caller is
     * inside a transaction: a caller's open transaction holding new execution names would otherwise
     * block every other start of those names (the shared starter thread included) until it ended. Each
     * request gets its own answer, in order: a missing state machine or a name taken by other input
     * fails that request only ({@link ExecutionStarts.Result#failure()}).
     *
     * @throws IllegalArgumentException for more than {@link #MAX_START_ALL} requests
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public List<ExecutionStarts.Result> startAll(List<ExecutionStarts.Request> requests) {
        if (requests.size() > MAX_START_ALL) {
            throw new IllegalArgumentException("at most " + MAX_START_ALL + " starts per call, got " + requests.size());
        }
        return requests.isEmpty() ? List.of() : starts.apply(requests);
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
