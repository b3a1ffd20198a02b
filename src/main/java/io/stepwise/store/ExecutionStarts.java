package io.stepwise.store;

import io.stepwise.asl.model.StateMachine;
import io.stepwise.engine.ExecutionIds;
import io.stepwise.engine.ExecutionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a batch of executions in one transaction: the machines' versions in one or two statements,
 * the execution rows in one, their first steps in one, and one wake-up for the workers. Requests that
 * name a missing machine, or repeat the name of an existing execution, get their own answer without
 * disturbing the rest.
 */
@Service
class ExecutionStarts {

    private final StateMachineStore machines;
    private final StateMachineDefinitions definitions;
    private final ExecutionStore executions;
    private final StepStore steps;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final WorkObserver observer;

    ExecutionStarts(StateMachineStore machines, StateMachineDefinitions definitions, ExecutionStore executions,
            StepStore steps, Clock clock, ApplicationEventPublisher events, WorkObserver observer) {
        this.machines = machines;
        this.definitions = definitions;
        this.executions = executions;
        this.steps = steps;
        this.clock = clock;
        this.events = events;
        this.observer = observer;
    }

    @Transactional
    public List<Executions.StartResult> apply(List<Executions.StartRequest> requests) {
        // PostgreSQL keeps microseconds: the returned records must equal what a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, StateMachineStore.VersionKey> found = versions(requests);
        Executions.StartResult[] results = new Executions.StartResult[requests.size()];
        List<ExecutionStore.NewExecution> rows = new ArrayList<>();
        List<String> startAts = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Executions.StartRequest r = requests.get(i);
            var key = found.get(versionKey(r.namespace(), r.stateMachine(), r.version()));
            if (key == null) {
                results[i] = new Executions.StartResult(null, new NotFoundException("state machine",
                        r.version() == null ? r.stateMachine() : r.stateMachine() + ":" + r.version()));
                continue;
            }
            StateMachine machine = definitions.forVersion(r.namespace(), key.name(), key.version(), key.createdAt());
            UUID id = ExecutionIds.next(clock);
            Instant timeoutAt = machine.timeoutSeconds() == null ? null : now.plusSeconds(machine.timeoutSeconds());
            rows.add(new ExecutionStore.NewExecution(r.namespace(), id, key.name(), key.version(), r.name() != null ? r.name()
                    : id.toString(), JsonText.of(r.input()), timeoutAt, r.traceparent(), r.placement().in(r.namespace())));
            startAts.add(machine.startAt());
            indexes.add(i);
        }
        if (!rows.isEmpty()) {
            insert(requests, rows, startAts, indexes, results, now);
        }
        return List.of(results);
    }

    private void insert(List<Executions.StartRequest> requests, List<ExecutionStore.NewExecution> rows, List<String> startAts,
            List<Integer> indexes, Executions.StartResult[] results, Instant now) {
        Set<UUID> inserted = executions.insertMany(rows, now);
        List<UUID> ids = new ArrayList<>();
        List<String> stateNames = new ArrayList<>();
        List<JsonText> inputs = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        for (int j = 0; j < rows.size(); j++) {
            var row = rows.get(j);
            Executions.StartRequest request = requests.get(indexes.get(j));
            if (inserted.contains(row.id())) {
                ids.add(row.id());
                stateNames.add(startAts.get(j));
                inputs.add(row.input());
                placements.add(row.placement());
                observer.executionStarted(row.machine());
                // built here rather than read back: one round trip fewer per start
                results[indexes.get(j)] = new Executions.StartResult(new Executions.Start(new ExecutionRecord(row.id(), row.machine(),
                        row.version(), row.name(), ExecutionStatus.RUNNING, request.input(), null, null, null, now,
                        null, 0, null, Placement.queueName(row.placement().queue()), row.placement().priority(),
                        row.namespace()), true), null);
            } else {
                results[indexes.get(j)] = existing(row, request);
            }
        }
        if (!ids.isEmpty()) {
            steps.insertFirstMany(ids, stateNames, inputs, placements, now);
            events.publishEvent(new WorkAvailable());
        }
    }

    /** The name was taken: the same start again gets that execution; other input is a conflict. */
    private Executions.StartResult existing(ExecutionStore.NewExecution row, Executions.StartRequest request) {
        ExecutionRecord existing = executions.byName(row.namespace(), row.machine(), row.name()).orElseThrow();
        if (!existing.input().equals(request.input())) {
            return new Executions.StartResult(null, new ExecutionConflictException(row.machine(), row.name()));
        }
        return new Executions.StartResult(new Executions.Start(existing, false), null);
    }

    /**
     * "namespace/name" for the latest version, "namespace/name:version" for a pinned one: the key of
     * {@link #versions}.
     */
    private static String versionKey(Namespace namespace, String name, Integer version) {
        return namespace.name() + "/" + (version == null ? name : name + ":" + version);
    }

    /** Keys (see {@link #versionKey}) to the versions that exist: one or two statements per namespace of the batch. */
    private Map<String, StateMachineStore.VersionKey> versions(List<Executions.StartRequest> requests) {
        Map<String, StateMachineStore.VersionKey> found = new HashMap<>();
        requests.stream().collect(Collectors.groupingBy(Executions.StartRequest::namespace)).forEach((namespace, ofNamespace) -> {
            List<String> latest = ofNamespace.stream().filter(r -> r.version() == null)
                    .map(Executions.StartRequest::stateMachine).distinct().toList();
            if (!latest.isEmpty()) {
                machines.latestVersions(namespace, latest).forEach(k -> found.put(versionKey(namespace, k.name(), null), k));
            }
            List<Executions.StartRequest> pinned = ofNamespace.stream().filter(r -> r.version() != null).toList();
            if (!pinned.isEmpty()) {
                machines.existingVersions(namespace, pinned.stream().map(Executions.StartRequest::stateMachine).toList(),
                        pinned.stream().map(Executions.StartRequest::version).toList())
                        .forEach(k -> found.put(versionKey(namespace, k.name(), k.version()), k));
            }
        });
        return found;
    }
}
