package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertError;
import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.machineWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StructureValidationTest {

    @Test
    void minimalMachineIsValid() {
        assertNoErrors(machineWith("{\"Type\": \"Pass\", \"End\": true}"));
        assertThat(ValidationAssertions.validate(machineWith("{\"Type\": \"Pass\", \"End\": true}"))).isEmpty();
    }

    @Test
    void emptyObjectNeedsStatesAndStartAt() {
        List<Diagnostic> diagnostics = ValidationAssertions.validate("{}");
        assertThat(diagnostics).containsExactly(new Diagnostic(Severity.ERROR,
                DiagnosticCodes.SCHEMA_VALIDATION_FAILED, "These fields are required: [States, StartAt]", "/"));
    }

    @Test
    void nonObjectDefinitionIsRejected() {
        assertSchemaError("[1, 2]", "/");
        assertSchemaError("\"text\"", "/");
    }

    @Test
    void unparsableOrMissingTextHasItsOwnCodes() {
        assertError("not a definition", DiagnosticCodes.INVALID_JSON_DESCRIPTION, "/");
        assertError("{} {}", DiagnosticCodes.INVALID_JSON_DESCRIPTION, "/");
        assertError("  ", DiagnosticCodes.MISSING_DESCRIPTION, "/");
        assertThat(DefinitionValidator.validate((tools.jackson.databind.JsonNode) null))
                .extracting(Diagnostic::code).containsExactly(DiagnosticCodes.MISSING_DESCRIPTION);
    }

    @Test
    void topLevelFieldsAreTyped() {
        assertSchemaError("{\"StartAt\": \"S\", \"TimeoutSeconds\": 0, \"States\": {\"S\": {\"Type\": \"Succeed\"}}}",
                "/TimeoutSeconds");
        assertSchemaError("{\"StartAt\": \"S\", \"Version\": 1, \"States\": {\"S\": {\"Type\": \"Succeed\"}}}",
                "/Version");
        assertSchemaError("{\"StartAt\": \"S\", \"QueryLanguage\": \"XPath\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}",
                "/QueryLanguage");
        assertSchemaError("{\"StartAt\": \"S\", \"Extra\": 1, \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", "/Extra");
        assertSchemaError("{\"StartAt\": \"S\", \"States\": {}}", "/States");
        assertSchemaError("{\"StartAt\": 3, \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", "/StartAt");
    }

    @Test
    void stateTypeMustBeKnown() {
        assertSchemaError(machineWith("{\"Type\": \"Sleep\", \"End\": true}"), "/States/S/Type");
        assertSchemaError(machineWith("{\"End\": true}"), "/States/S");
        assertSchemaError(machineWith("42"), "/States/S");
    }

    @Test
    void unknownFieldsAreErrorsAtTheField() {
        assertSchemaError(machineWith("{\"Type\": \"Pass\", \"bugInputPath\": \"$\", \"End\": true}"),
                "/States/S/bugInputPath");
        assertSchemaError(machineWith("{\"Type\": \"Succeed\", \"Next\": \"S\"}"), "/States/S/Next");
        assertSchemaError(machineWith("{\"Type\": \"Fail\", \"End\": true}"), "/States/S/End");
    }

    @Test
    void nonTerminalStatesNeedExactlyOneOfNextAndEnd() {
        assertSchemaError(machineWith("{\"Type\": \"Pass\", \"Next\": \"S\", \"End\": true}"), "/States/S");
        assertSchemaError(machineWith("{\"Type\": \"Pass\"}"), "/States/S");
        assertSchemaError(machineWith("{\"Type\": \"Pass\", \"End\": \"yes\"}"), "/States/S/End");
    }

    @Test
    void stateNamesAreAtMostEightyCharacters() {
        String name = "n".repeat(81);
        assertError("{\"StartAt\": \"" + name + "\", \"States\": {\"" + name + "\": {\"Type\": \"Succeed\"}}}",
                DiagnosticCodes.INVALID_STATE_NAME, "/States/" + name);
        assertNoErrors("{\"StartAt\": \"" + "n".repeat(80) + "\", \"States\": {\"" + "n".repeat(80)
                + "\": {\"Type\": \"Succeed\"}}}");
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        assertSchemaError("{\"StartAt\": \"a/b~c\", \"States\": {\"a/b~c\": {\"Type\": \"Pass\"}}}", "/States/a~1b~0c");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        List<Diagnostic> diagnostics = ValidationAssertions.validate("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "Nowhere", "Bogus": 1},
                  "B": {"Type": "Wait", "Seconds": -1, "End": true}}}""");
        assertThat(diagnostics).extracting(Diagnostic::location)
                .contains("/States/A/Next", "/States/A/Bogus", "/States/B", "/States/B/Seconds");
    }

    @Test
    void acceptsTreesAsWellAsText() {
        var tree = JsonMapper.builder().build().readTree(machineWith("{\"Type\": \"Pass\", \"End\": true}"));
        assertThat(DefinitionValidator.validate(tree)).isEmpty();
    }
}
