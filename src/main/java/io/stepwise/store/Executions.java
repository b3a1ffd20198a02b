package io.stepwise.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Everything a caller does with executions, in one place: start (one or a batch), read, list, wait
 * for the end, stop, redrive. The REST API, the console and Java callers all come through here; the
 * classes behind it are the store's own. Every execution is in a {@link Namespace}; the methods that
 * name none work in the default one, and an execution of another namespace is not found.
 */
@Service
public class Executions {

    /** The most starts one {@link #startAll} call takes: its statements carry every row at once. */
    public static final int MAX_START_ALL = 1000;

    private final ExecutionStore executions;
    private final ExecutionStarts starts;
    private final StartBatcher batcher;
    private final ExecutionQueries queries;
    private final ExecutionWaiter waiter;
    private final ExecutionControl control;
    private final WorkTracer tracer;

    Executions(ExecutionStore executions, ExecutionStarts starts, StartBatcher batcher, ExecutionQueries queries,
            ExecutionWaiter waiter, ExecutionControl control, WorkTracer tracer) {
        this.tracer = tracer;
        this.executions = executions;
        this.starts = starts;
        this.batcher = batcher;
        this.queries = queries;
        this.waiter = waiter;
        this.control = control;
    }

    /** The started (or, for a repeated named start, the existing) execution, and whether it is new. */
    public record Start(ExecutionRecord execution, boolean created) {
    }

    /**
     * One start of {@link #startAll}: {@code version} null for the latest, {@code name} null for a
     * generated one; {@code traceparent} the trace to continue, null to let tracing decide (see
     * {@link WorkTracer#executionTraceparent}); {@code placement} the queue and priority of its steps,
     * null for {@link Placement#DEFAULT}; {@code namespace} the state machine's and so the execution's,
     * null for the default one.
     */
    public record StartRequest(String stateMachine, Integer version, String name, JsonNode input, String traceparent,
            Placement placement, Namespace namespace) {

        public StartRequest {
            placement = placement == null ? Placement.DEFAULT : placement;
            namespace = namespace == null ? Namespace.DEFAULT : namespace;
        }

        public StartRequest(String stateMachine, Integer version, String name, JsonNode input, String traceparent,
                Placement placement) {
            this(stateMachine, version, name, input, traceparent, placement, Namespace.DEFAULT);
        }

        /** The same start in {@code namespace}. */
        public StartRequest in(Namespace namespace) {
            return new StartRequest(stateMachine, version, name, input, traceparent, placement, namespace);
        }

        public StartRequest(String stateMachine, Integer version, String name, JsonNode input) {
            this(stateMachine, version, name, input, null, Placement.DEFAULT);
        }

        public StartRequest(String stateMachine, Integer version, String name, JsonNode input, Placement placement) {
            this(stateMachine, version, name, input, null, placement);
        }

        /** With the trace context taken here, on the caller's thread (the starts may commit on another). */
        StartRequest traced(WorkTracer tracer) {
            if (traceparent != null) {
                return this;
            }
            String taken = tracer.executionTraceparent(stateMachine);
            return taken == null ? this : new StartRequest(stateMachine, version, name, input, taken, placement, namespace);
        }
    }

    /** The answer to one {@link StartRequest}: a start, or the exception {@link #start} would have thrown. */
    public record StartResult(Start start, RuntimeException failure) {

        Start orThrow() {
            if (failure != null) {
                throw failure;
            }
            return start;
        }
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
        return start(new StartRequest(stateMachine, version, name, input));
    }

    /** {@link #start(String, Integer, String, JsonNode)} with all a start can say (a queue, a priority). */
    public Start start(StartRequest request) {
        return batcher.submit(request.traced(tracer)).orThrow();
    }

    /**
     * Starts many executions with one set of statements, for a producer that has a batch at hand (an
     * import, a burst of jobs): no hand-off to the group-commit thread, so a batch costs a fraction of
     * as many {@link #start} calls. Like {@link #start} it commits on its own, also when the caller is
     * inside a transaction: a caller's open transaction holding new execution names would otherwise
     * block every other start of those names (the shared starter thread included) until it ended. Each
     * request gets its own answer, in order: a missing state machine or a name taken by other input
     * fails that request only ({@link StartResult#failure()}).
     *
     * @throws IllegalArgumentException for more than {@link #MAX_START_ALL} requests
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public List<StartResult> startAll(List<StartRequest> requests) {
        if (requests.size() > MAX_START_ALL) {
            throw new IllegalArgumentException("at most " + MAX_START_ALL + " starts per call, got " + requests.size());
        }
        return requests.isEmpty() ? List.of() : starts.apply(requests.stream().map(r -> r.traced(tracer)).toList());
    }

    /** The execution, when it is in {@code namespace}: another namespace's executions are not found. */
    @Transactional(readOnly = true)
    public Optional<ExecutionRecord> find(Namespace namespace, UUID id) {
        return executions.byId(id).filter(e -> e.namespace().equals(namespace));
    }

    /** {@link #find(Namespace, UUID)} in the default namespace. */
    @Transactional(readOnly = true)
    public Optional<ExecutionRecord> find(UUID id) {
        return find(Namespace.DEFAULT, id);
    }

    /** Newest first, a keyset page at a time. @param after the previous page's last key; null for the first */
    public Page<ExecutionRecord, ExecutionKey> page(ExecutionFilter filter, ExecutionKey after, int limit) {
        return queries.page(filter, after, limit);
    }

    /**
     * The execution once it has ended, or as it is when {@code timeout} passes first (a stop or timeout
     * anywhere wakes the wait at once; a finish is seen within milliseconds).
     *
     * @throws NotFoundException when there is no such execution
     */
    public ExecutionRecord awaitEnd(UUID id, Duration timeout) {
        return waiter.awaitEnd(id, timeout);
    }

    /**
     * Stops a running execution: it becomes ABORTED and its steps CANCELLED, so no further transition
     * commits, and replicas running its handlers cancel them. A redrive can resume it.
     *
     * @return false when the execution had already ended
     * @throws NotFoundException when there is no such execution
     */
    public boolean stop(Namespace namespace, UUID id, String error, String cause) {
        return control.stop(namespace, id, error, cause);
    }

    /** {@link #stop(Namespace, UUID, String, String)} in the default namespace. */
    public boolean stop(UUID id, String error, String cause) {
        return stop(Namespace.DEFAULT, id, error, cause);
    }

    /**
     * Runs a FAILED, TIMED_OUT or ABORTED execution again from the state(s) where it stopped, with the
     * inputs they had; succeeded Map iterations and Parallel branches keep their results.
     *
     * @throws NotFoundException when there is no such execution
     * @throws RedriveNotAllowedException when it is running or succeeded, or nothing is left to resume
     */
    public ExecutionRecord redrive(Namespace namespace, UUID id) {
        return control.redrive(namespace, id);
    }

    /** {@link #redrive(Namespace, UUID)} in the default namespace. */
    public ExecutionRecord redrive(UUID id) {
        return redrive(Namespace.DEFAULT, id);
    }
}
