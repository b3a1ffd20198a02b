package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Shared checks for the rule-family tests: definitions are written as JSON text. */
final class ValidationAssertions {

    private ValidationAssertions() {
    }

    static List<Diagnostic> validate(String definition) {
        return DefinitionValidator.validate(definition);
    }

    static void assertError(String definition, String code, String pointer) {
        List<Diagnostic> diagnostics = validate(definition);
        assertThat(diagnostics)
                .as("diagnostics of %s", definition)
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.ERROR);
                    assertThat(d.code()).isEqualTo(code);
                    assertThat(d.location()).isEqualTo(pointer);
                });
    }

    static void assertSchemaError(String definition, String pointer) {
        assertError(definition, DiagnosticCodes.SCHEMA_VALIDATION_FAILED, pointer);
    }

    static void assertWarning(String definition, String code, String pointer) {
        assertThat(validate(definition))
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.WARNING);
                    assertThat(d.code()).isEqualTo(code);
                    assertThat(d.location()).isEqualTo(pointer);
                });
    }

    static void assertNoErrors(String definition) {
        assertThat(validate(definition)).as("diagnostics of %s", definition).noneMatch(Diagnostic::isError);
    }

    /** A one-state machine around the given state JSON, named "S". */
    static String machineWith(String state) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
    }

    /** As {@link #machineWith} with a top-level QueryLanguage of JSONata. */
    static String jsonataMachineWith(String state) {
        return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
    }
}
