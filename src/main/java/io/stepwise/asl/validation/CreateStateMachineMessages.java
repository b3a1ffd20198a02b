package io.stepwise.asl.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders error diagnostics the way CreateStateMachine and UpdateStateMachine report them in an
 * InvalidDefinition error, e.g. {@code Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED:
 * The field 'RoleArn' is required but was missing at /States/State0/Credentials'}.
 */
public final class CreateStateMachineMessages {

    private CreateStateMachineMessages() {
    }

    /** The InvalidDefinition message for the errors among the diagnostics; empty text when there are none. */
    public static String invalidDefinition(List<Diagnostic> diagnostics) {
        String errors = diagnostics.stream()
                .filter(Diagnostic::isError)
                .map(d -> d.code() + ": " + d.message() + " at " + d.location())
                .collect(Collectors.joining(", "));
        return errors.isEmpty() ? "" : "Invalid State Machine Definition: '" + errors + "'";
    }
}
