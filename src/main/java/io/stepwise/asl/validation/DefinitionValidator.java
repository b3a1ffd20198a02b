package io.stepwise.asl.validation;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an Amazon States Language definition the way AWS's ValidateStateMachineDefinition does,
 * reporting every problem found rather than the first. Never throws: whatever the JSON, problems come
 * back as {@link Diagnostic}s, and a definition is acceptable when none of them is an error.
 */
public final class DefinitionValidator {

    /** The name AWS gives the lone state of a TestState request in its diagnostics. */
    public static final String TEST_STATE_NAME = "StateName";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DefinitionValidator() {
    }

    public static List<Diagnostic> validate(JsonNode definition) {
        return validate(definition, StateMachineType.STANDARD);
    }

    public static List<Diagnostic> validate(JsonNode definition, StateMachineType machineType) {
        Findings findings = new Findings();
        if (definition == null || definition.isMissingNode()) {
            findings.error(DiagnosticCodes.MISSING_DESCRIPTION, "No definition was given", Location.ROOT);
            return findings.toList();
        }
        try {
            MachineValidator.validateDefinition(definition, machineType == null ? StateMachineType.STANDARD
                    : machineType, findings);
        } catch (StackOverflowError e) {
            // Only a programmatically built tree can get here: parsed JSON is depth-limited by Jackson.
            findings.schema("The definition is nested too deeply to validate", Location.ROOT);
        }
        return findings.toList();
    }

    /** Validates definition text, reporting unparsable JSON as AWS does (INVALID_JSON_DESCRIPTION). */
    public static List<Diagnostic> validate(String definition) {
        return validate(definition, StateMachineType.STANDARD);
    }

    public static List<Diagnostic> validate(String definition, StateMachineType machineType) {
        if (definition == null || definition.isBlank()) {
            Findings findings = new Findings();
            findings.error(DiagnosticCodes.MISSING_DESCRIPTION, "No definition was given", Location.ROOT);
            return findings.toList();
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(definition);
        } catch (JacksonException e) {
            Findings findings = new Findings();
            findings.error(DiagnosticCodes.INVALID_JSON_DESCRIPTION, e.getOriginalMessage(), Location.ROOT);
            return findings.toList();
        }
        return validate(tree, machineType);
    }

    /**
     * Validates the single state a TestState request carries, as AWS does: as if it were the only state
     * of a machine, named {@value #TEST_STATE_NAME}. Its Next may name a state that is not there.
     */
    public static List<Diagnostic> validateState(JsonNode state) {
        ObjectNode machine = JsonNodeFactory.instance.objectNode();
        machine.put("StartAt", TEST_STATE_NAME);
        machine.putObject("States").set(TEST_STATE_NAME, state == null ? JsonNodeFactory.instance.nullNode() : state);
        return validate(machine).stream()
                .filter(d -> !d.code().equals(DiagnosticCodes.MISSING_TRANSITION_TARGET)
                        && !d.code().equals(DiagnosticCodes.MISSING_END_STATE))
                .toList();
    }

    public static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
