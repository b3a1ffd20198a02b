package io.stepwise.store;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.model.StateMachine;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Parsed definitions by (name, version). Versions are immutable, so a parsed machine never goes stale
 * and workers parse each one once per replica.
 */
@Service
public class StateMachineDefinitions {

    private final StateMachineStore machines;
    private final ExecutionStore executions;
    private final Map<String, StateMachine> parsed = new ConcurrentHashMap<>();

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
        return new Pinned(execution, forVersion(execution.stateMachineName(), execution.stateMachineVersion()));
    }

    /**
     * Drops every parsed definition. Only for tests that TRUNCATE the tables: version numbers then
     * start again at 1 and would meet the parsed definitions of the previous test.
     */
    public void forgetAll() {
        parsed.clear();
    }

    public StateMachine forVersion(String name, int version) {
        return parsed.computeIfAbsent(name + ":" + version, key -> DefinitionParser.parse(machines.version(name, version)
                .orElseThrow(() -> new NotFoundException("state machine", key)).definition()));
    }
}
