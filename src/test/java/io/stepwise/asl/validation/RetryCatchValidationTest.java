package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;

import org.junit.jupiter.api.Test;

class RetryCatchValidationTest {

    private static String task(String handlers) {
        return "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:::lambda:invoke\", \"End\": true, " + handlers + "}, \"H\": {\"Type\": \"Succeed\"}}}";
    }

    @Test
    void wellFormedHandlersPass() {
        assertNoErrors(task("""
                "Retry": [{"ErrorEquals": ["A", "B"], "IntervalSeconds": 2, "MaxAttempts": 0, "BackoffRate": 1.5,
                           "MaxDelaySeconds": 10, "JitterStrategy": "FULL"},
                          {"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H", "ResultPath": "$.error"}]"""));
    }

    @Test
    void handlersAreArraysOfObjects() {
        assertSchemaError(task("\"Retry\": {}"), "/States/T/Retry");
        assertSchemaError(task("\"Catch\": [1]"), "/States/T/Catch/0");
    }

    @Test
    void errorEqualsIsANonEmptyListOfNames() {
        assertSchemaError(task("\"Retry\": [{\"IntervalSeconds\": 1}]"), "/States/T/Retry/0");
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": []}]"), "/States/T/Retry/0/ErrorEquals");
        assertSchemaError(task("\"Catch\": [{\"ErrorEquals\": [true], \"Next\": \"H\"}]"),
                "/States/T/Catch/0/ErrorEquals/0");
        assertSchemaError(task("\"Catch\": [{\"Error Equals\": [\"X\"], \"Next\": \"H\"}]"),
                "/States/T/Catch/0/Error Equals");
    }

    @Test
    void statesAllStandsAloneAndLast() {
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"X\"]}]"), "/States/T/Retry/0/ErrorEquals");
        assertSchemaError(task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"H\"},"
                + " {\"ErrorEquals\": [\"X\"], \"Next\": \"H\"}]"), "/States/T/Catch/0/ErrorEquals");
    }

    @Test
    void retrierNumbersAreInRange() {
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"IntervalSeconds\": 0}]"),
                "/States/T/Retry/0/IntervalSeconds");
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"MaxAttempts\": -1}]"),
                "/States/T/Retry/0/MaxAttempts");
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"BackoffRate\": 0.5}]"),
                "/States/T/Retry/0/BackoffRate");
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"MaxDelaySeconds\": 0}]"),
                "/States/T/Retry/0/MaxDelaySeconds");
        assertSchemaError(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"JitterStrategy\": \"SOME\"}]"),
                "/States/T/Retry/0/JitterStrategy");
    }

    @Test
    void catcherNeedsNextAndAReferenceResultPath() {
        assertSchemaError(task("\"Catch\": [{\"ErrorEquals\": [\"X\"]}]"), "/States/T/Catch/0");
        assertSchemaError(task("\"Catch\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"H\", \"ResultPath\": \"$.a[*]\"}]"),
                "/States/T/Catch/0/ResultPath");
    }

    @Test
    void jsonataCatchersUseOutputNotResultPath() {
        assertSchemaError("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true, \"Catch\": [{\"ErrorEquals\":"
                + " [\"X\"], \"Next\": \"H\", \"ResultPath\": \"$.e\"}]}, \"H\": {\"Type\": \"Succeed\"}}}",
                "/States/T/Catch/0/ResultPath");
    }
}
