package io.stepwise.engine;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.InvalidDefinitionException;
import io.stepwise.asl.Json;
import io.stepwise.asl.model.MapState;
import io.stepwise.asl.model.ParallelState;
import io.stepwise.asl.model.State;
import io.stepwise.asl.model.StateMachine;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.Diagnostic;
import io.stepwise.engine.TestStateRejectedException.Reason;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Finds the state a TestState call tests, after validating its definition as AWS does. */
final class TestStateDefinitions {

    private TestStateDefinitions() {
    }

    /**
     * A single state is validated and parsed as the lone state of a machine, named as AWS names it;
     * with {@code stateName}, the definition is a whole machine and the state may sit at any depth
     * (inside a Parallel branch or a Map's ItemProcessor).
     */
    static State resolve(String definition, String stateName) {
        if (definition == null || definition.isBlank()) {
            throw new TestStateRejectedException(Reason.INVALID_DEFINITION, "No definition was given.");
        }
        JsonNode tree;
        try {
            tree = Json.parse(definition);
        } catch (RuntimeException e) {
            throw invalid(DefinitionValidator.validate(definition));
        }
        if (stateName == null) {
            List<Diagnostic> diagnostics = DefinitionValidator.validateState(tree);
            if (DefinitionValidator.hasErrors(diagnostics)) {
                throw invalid(diagnostics);
            }
            ObjectNode machine = Json.NODES.objectNode().put("StartAt", DefinitionValidator.TEST_STATE_NAME);
            machine.putObject("States").set(DefinitionValidator.TEST_STATE_NAME, tree);
            return parse(machine).state(DefinitionValidator.TEST_STATE_NAME);
        }
        List<Diagnostic> diagnostics = DefinitionValidator.validate(tree);
        if (DefinitionValidator.hasErrors(diagnostics)) {
            throw invalid(diagnostics);
        }
        return find(parse(tree), stateName).orElseThrow(() -> new TestStateRejectedException(Reason.INVALID_REQUEST,
                "The state machine has no state named '" + stateName + "'."));
    }

    /** Depth-first: the machine's own states first, then those of its branches and item processors. */
    static Optional<State> find(StateMachine machine, String name) {
        State own = machine.states().get(name);
        if (own != null) {
            return Optional.of(own);
        }
        for (State state : machine.states().values()) {
            for (StateMachine child : children(state)) {
                Optional<State> found = find(child, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static List<StateMachine> children(State state) {
        return switch (state) {
            case ParallelState parallel -> parallel.branches();
            case MapState map -> List.of(map.itemProcessor());
            default -> List.of();
        };
    }

    private static StateMachine parse(JsonNode machine) {
        try {
            return DefinitionParser.parse(machine);
        } catch (InvalidDefinitionException e) {
            throw invalid(e.diagnostics());
        }
    }

    private static TestStateRejectedException invalid(List<Diagnostic> diagnostics) {
        String first = diagnostics.stream().filter(Diagnostic::isError).findFirst()
                .map(d -> d.message() + " (at " + d.location() + ")").orElse("The definition is not valid ASL.");
        return new TestStateRejectedException(Reason.INVALID_DEFINITION, first, diagnostics);
    }
}
