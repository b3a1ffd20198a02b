package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertError;
import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;

import org.junit.jupiter.api.Test;

class TransitionsValidationTest {

    @Test
    void nextMustNameAState() {
        assertError("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}",
                DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/A/Next");
    }

    @Test
    void startAtMustNameAState() {
        assertError("{\"StartAt\": \"Nope\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                DiagnosticCodes.MISSING_TRANSITION_TARGET, "/StartAt");
    }

    @Test
    void choiceAndCatchTargetsMustExist() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "Gone"}],
                        "Default": "Missing"},
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Away"}]}}}""";
        assertError(definition, DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/C/Choices/0/Next");
        assertError(definition, DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/C/Default");
        assertError(definition, DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/T/Catch/0/Next");
    }

    @Test
    void everyStateMustBeReachable() {
        assertError("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B"},
                  "Orphan": {"Type": "Pass", "Next": "B"},
                  "B": {"Type": "Succeed"}}}""", DiagnosticCodes.UNREACHABLE_STATE, "/States/Orphan");
    }

    @Test
    void catchersMakeStatesReachable() {
        assertNoErrors("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]},
                  "Handler": {"Type": "Fail"}}}""");
    }

    @Test
    void aMachineNeedsATerminalState() {
        assertError("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"},"
                + " \"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}", DiagnosticCodes.MISSING_END_STATE, "/States");
    }

    @Test
    void subMachinesHaveTheirOwnScope() {
        String definition = """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "Next": "Final", "ItemProcessor": {"StartAt": "Inner", "States": {
                        "Inner": {"Type": "Pass", "Next": "Final"}}}},
                  "Final": {"Type": "Succeed"}}}""";
        assertError(definition, DiagnosticCodes.MISSING_TRANSITION_TARGET, "/States/M/ItemProcessor/States/Inner/Next");
        assertError(definition, DiagnosticCodes.MISSING_END_STATE, "/States/M/ItemProcessor/States");
    }

    @Test
    void unreachableStatesInsideBranchesAreFound() {
        assertError("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "Lost": {"Type": "Succeed"}}}]}}}""",
                DiagnosticCodes.UNREACHABLE_STATE, "/States/P/Branches/0/States/Lost");
    }

    @Test
    void stateNamesAreUniqueAcrossTheWholeDefinition() {
        assertError("""
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "Next": "Final", "Iterator": {"StartAt": "Final", "States": {
                        "Final": {"Type": "Succeed"}}}},
                  "Final": {"Type": "Succeed"}}}""", DiagnosticCodes.DUPLICATE_STATE_NAME, "/States/Final");
    }
}
