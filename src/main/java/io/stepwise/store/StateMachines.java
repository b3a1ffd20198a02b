package io.stepwise.store;

import io.stepwise.asl.Definitions;
import io.stepwise.asl.InvalidDefinitionException;
import io.stepwise.asl.Json;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Everything a caller does with state machines: register versions, read, list, delete, each in a
 * {@link Namespace} (the methods without one work in the default namespace).
 */
@Service
public class StateMachines {

    private final StateMachineStore store;
    private final Clock clock;

    StateMachines(StateMachineStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The result of a registration: the latest version, and whether this call created it. */
    public record Registration(StoredStateMachine stateMachine, boolean created) {
    }

    /**
     * Adds the definition as the next version, unless it equals the latest version (then nothing is
     * written and the latest is returned). The definition is kept as this text, exactly: reading it
     * back gives the same characters, and its payload templates build objects in its key order, as on
     * AWS. Two texts are the same definition only when they are equal.
     *
     * @throws InvalidDefinitionException when the definition is not valid ASL
     */
    @Transactional
    public Registration register(Namespace namespace, String name, String definitionText, String description) {
        Definitions.validateAndParse(Json.parse(definitionText));
        Optional<StoredStateMachine> latest = store.latest(namespace, name);
        if (latest.isPresent() && latest.get().definitionText().equals(definitionText)) {
            return new Registration(latest.get(), false);
        }
        return new Registration(store.insertNextVersion(namespace, name, definitionText, description, clock.instant()),
                true);
    }

    /** {@link #register(Namespace, String, String, String)} in the default namespace. */
    @Transactional
    public Registration register(String name, String definitionText, String description) {
        return register(Namespace.DEFAULT, name, definitionText, description);
    }

    /** As {@link #register(String, String, String)}, for a definition at hand as JSON (kept as its compact text). */
    @Transactional
    public Registration register(String name, JsonNode definition, String description) {
        return register(Namespace.DEFAULT, name, Json.write(definition), description);
    }

    @Transactional(readOnly = true)
    public Optional<StoredStateMachine> latest(Namespace namespace, String name) {
        return store.latest(namespace, name);
    }

    @Transactional(readOnly = true)
    public Optional<StoredStateMachine> latest(String name) {
        return latest(Namespace.DEFAULT, name);
    }

    @Transactional(readOnly = true)
    public Optional<StoredStateMachine> version(Namespace namespace, String name, int version) {
        return store.version(namespace, name, version);
    }

    @Transactional(readOnly = true)
    public Optional<StoredStateMachine> version(String name, int version) {
        return version(Namespace.DEFAULT, name, version);
    }

    /**
     * Up to {@code limit} state machines (their latest versions) with names after {@code afterName}, in
     * name order.
     *
     * @param afterName "" for the first page
     */
    @Transactional(readOnly = true)
    public List<StateMachineSummary> page(Namespace namespace, String afterName, int limit) {
        return store.pageLatest(namespace, afterName, limit);
    }

    @Transactional(readOnly = true)
    public List<StateMachineSummary> page(String afterName, int limit) {
        return page(Namespace.DEFAULT, afterName, limit);
    }

    /**
     * Up to {@code limit} namespaces that hold a state machine or an execution, in name order (for the
     * console's namespace switcher; a namespace needs no creating, so these are the ones known to exist).
     */
    @Transactional(readOnly = true)
    public List<String> namespacesInUse(int limit) {
        return store.namespacesInUse(limit);
    }

    /**
     * Deletes every version. Executions keep their rows (and stay readable); only running ones, or
     * ones awaiting a redrive, block the delete because a worker still needs the definition.
     *
     * @throws NotFoundException when there is no such state machine
     * @throws StateMachineInUseException while executions of it are unfinished
     */
    @Transactional
    public void delete(Namespace namespace, String name) {
        if (store.deleteUnlessRunning(namespace, name) > 0) {
            return;
        }
        if (!store.exists(namespace, name)) {
            throw new NotFoundException("state machine", name);
        }
        throw new StateMachineInUseException(name, store.countUnfinishedExecutions(namespace, name));
    }

    @Transactional
    public void delete(String name) {
        delete(Namespace.DEFAULT, name);
    }
}
