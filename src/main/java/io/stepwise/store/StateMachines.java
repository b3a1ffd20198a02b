package io.stepwise.store;

import io.stepwise.asl.Definitions;
import io.stepwise.asl.InvalidDefinitionException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Stores state machine definitions as immutable, numbered versions. */
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
     * written and the latest is returned).
     *
     * @throws InvalidDefinitionException when the definition is not valid ASL
     */
    @Transactional
    public Registration register(String name, JsonNode definition, String description) {
        Definitions.validateAndParse(definition);
        Optional<StoredStateMachine> latest = store.latest(name);
        if (latest.isPresent() && latest.get().definition().equals(definition)) {
            return new Registration(latest.get(), false);
        }
        return new Registration(store.insertNextVersion(name, definition, description, clock.instant()), true);
    }

    @Transactional(readOnly = true)
    public Optional<StoredStateMachine> latest(String name) {
        return store.latest(name);
    }

    @Transactional(readOnly = true)
    public Optional<StoredStateMachine> version(String name, int version) {
        return store.version(name, version);
    }
}
