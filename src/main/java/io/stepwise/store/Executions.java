package io.stepwise.store;

import io.stepwise.engine.ExecutionIds;
import io.stepwise.engine.ExecutionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Starting and reading executions. */
@Service
public class Executions {

    private final StateMachineStore machines;
    private final ExecutionStore executions;
    private final StepStore steps;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Executions(StateMachineStore machines, ExecutionStore executions, StepStore steps, Clock clock,
            ApplicationEventPublisher events) {
        this.machines = machines;
        this.executions = executions;
        this.steps = steps;
        this.clock = clock;
        this.events = events;
    }

    /** The started (or, for a repeated named start, the existing) execution, and whether it is new. */
    public record Start(ExecutionRecord execution, boolean created) {
    }

    /**
     * Starts an execution: its row and its first step are written in one transaction. A start with the
     * name of an existing execution returns that execution when the input is the same.
     *
     * @param version null for the latest version
     * @param name null for a generated name
     */
    @Transactional
    public Start start(String stateMachine, Integer version, String name, JsonNode input) {
        StoredStateMachine machine = (version == null ? machines.latest(stateMachine)
                : machines.version(stateMachine, version))
                .orElseThrow(() -> new NotFoundException("state machine",
                        version == null ? stateMachine : stateMachine + ":" + version));
        // PostgreSQL keeps microseconds: the returned record must equal what a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = ExecutionIds.next(clock);
        String executionName = name != null ? name : id.toString();
        JsonNode timeout = machine.definition().get("TimeoutSeconds");
        Instant timeoutAt = timeout != null && timeout.canConvertToLong() ? now.plusSeconds(timeout.asLong()) : null;
        JsonText inputText = JsonText.of(input); // written twice: the execution's input and its first step's
        if (!executions.insert(id, machine, executionName, inputText, now, timeoutAt)) {
            ExecutionRecord existing = executions.byName(stateMachine, executionName).orElseThrow();
            if (!existing.input().equals(input)) {
                throw new ExecutionConflictException(stateMachine, executionName);
            }
            return new Start(existing, false);
        }
        steps.insert(id, null, null, "READY", StepKind.ENTER, machine.definition().path("StartAt").asString(),
                inputText, null, now, now);
        events.publishEvent(new WorkAvailable());
        // built here rather than read back: one round trip fewer per start
        return new Start(new ExecutionRecord(id, machine.name(), machine.version(), executionName,
                ExecutionStatus.RUNNING, input, null, null, null, now, null, 0, null), true);
    }

    @Transactional(readOnly = true)
    public Optional<ExecutionRecord> find(UUID id) {
        return executions.byId(id);
    }
}
