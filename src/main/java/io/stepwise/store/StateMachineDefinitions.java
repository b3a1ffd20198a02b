package io.stepwise.store;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.model.StateMachine;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Parsed definitions by (namespace, name, version). Versions are immutable, so a parsed machine never goes stale
 * and workers parse each one once per replica.
 */
@Service
public class StateMachineDefinitions {

    private final StateMachineStore machines;
    private final ExecutionStore executions;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(Instant createdAt, StateMachine machine) {
    }

    StateMachineDefinitions(StateMachineStore machines, ExecutionStore executions) {
        this.machines = machines;
        this.executions = executions;
    }

    /** An execution together with the parsed machine it is pinned to. */
    public record Pinned(ExecutionRecord execution, StateMachine machine) {
    }

    public Pinned forExecution(UUID executionId) {
        ExecutionRecord execution = executions.byId(executionId)
                .orElseThrow(() -> new NotFoundException("execution", executionId.toString()));
        return new Pinned(execution, forVersion(execution.namespace(), execution.stateMachineName(),
                execution.stateMachineVersion()));
    }

    /**
     * Drops every parsed definition. Only for tests that TRUNCATE the tables: version numbers then
     * start again at 1 and would meet the parsed definitions of the previous test.
     */
    public void forgetAll() {
        parsed.clear();
    }

    public StateMachine forVersion(Namespace namespace, String name, int version) {
        return parsed.computeIfAbsent(key(namespace, name, version), this::load).machine();
    }

    /** "namespace/name:version": a namespace has no '/' and the version no ':', so the key parses back. */
    private static String key(Namespace namespace, String name, int version) {
        return namespace.name() + "/" + name + ":" + version;
    }

    /**
     * As {@link #forVersion(Namespace, String, int)}, for a version known to have been created at
     * {@code createdAt}: a machine deleted and created again starts at version 1 again, and must not
     * meet the old version 1 still parsed here.
     */
    StateMachine forVersion(Namespace namespace, String name, int version, Instant createdAt) {
        String key = key(namespace, name, version);
        Parsed cached = parsed.get(key);
        if (cached == null || !cached.createdAt().equals(createdAt)) {
            cached = load(key);
            parsed.put(key, cached);
        }
        return cached.machine();
    }

    private Parsed load(String key) {
        int slash = key.indexOf('/');
        int colon = key.lastIndexOf(':');
        StoredStateMachine stored = machines.version(new Namespace(key.substring(0, slash)), key.substring(slash + 1, colon),
                        Integer.parseInt(key.substring(colon + 1)))
                .orElseThrow(() -> new NotFoundException("state machine", key));
        return new Parsed(stored.createdAt(), DefinitionParser.parse(stored.definition()));
    }
}
