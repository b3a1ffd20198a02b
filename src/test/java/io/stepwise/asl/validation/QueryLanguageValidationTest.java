package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.jsonataMachineWith;
import static io.stepwise.asl.validation.ValidationAssertions.machineWith;

import org.junit.jupiter.api.Test;

class QueryLanguageValidationTest {

    @Test
    void aStateCanOptIntoJsonataButNotBackToJsonPath() {
        assertNoErrors(machineWith("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"Output\": 1, \"End\": true}"));
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONPath\", \"End\": true}"),
                "/States/S");
        assertSchemaError(machineWith("{\"Type\": \"Pass\", \"QueryLanguage\": \"jsonata\", \"End\": true}"),
                "/States/S/QueryLanguage");
    }

    @Test
    void nestedStatesMayUseJsonPathUnderAJsonataMapWhenTheMachineIsJsonPath() {
        assertNoErrors("""
                {"StartAt": "Map", "QueryLanguage": "JSONPath", "States": {"Map": {"Type": "Map",
                  "QueryLanguage": "JSONata", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                  "StartAt": "Pass", "States": {"Pass": {"QueryLanguage": "JSONPath", "Type": "Pass", "End": true}}},
                  "End": true}}}""");
    }

    @Test
    void jsonPathFieldsAreRefusedInJsonataStates() {
        for (String field : new String[] {"InputPath", "OutputPath", "ResultPath", "Parameters", "Result"}) {
            assertSchemaError(jsonataMachineWith("{\"Type\": \"Pass\", \"" + field + "\": \"$\", \"End\": true}"),
                    "/States/S/" + field);
        }
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"ResultSelector\": {}, \"TimeoutSecondsPath\": \"$.t\", \"End\": true}"), "/States/S/TimeoutSecondsPath");
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\"}"), "/States/S/ErrorPath");
    }

    @Test
    void jsonataFieldsAreRefusedInJsonPathStates() {
        assertSchemaError(machineWith("{\"Type\": \"Pass\", \"Output\": {}, \"End\": true}"), "/States/S/Output");
        assertSchemaError(machineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"Arguments\": {}, \"End\": true}"), "/States/S/Arguments");
    }

    @Test
    void assignIsAllowedInBoth() {
        assertNoErrors(machineWith("{\"Type\": \"Pass\", \"Assign\": {\"x.$\": \"$.a\", \"y\": 1}, \"End\": true}"));
        assertNoErrors(jsonataMachineWith("{\"Type\": \"Pass\", \"Assign\": {\"x\": \"{% $states.input.a %}\"},"
                + " \"End\": true}"));
    }

    @Test
    void jsonataExpressionsMustParseWhereverTheyAre() {
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Pass\", \"Output\": \"{% 10 + * 2 %}\", \"End\": true}"),
                "/States/S/Output");
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Pass\", \"Assign\": {\"a\": {\"b\": [{\"c\": \"{% 420. %}\"}]}},"
                + " \"End\": true}"), "/States/S/Assign/a/b/0/c");
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Pass\", \"Output\": \"{% $sum($x %}\", \"End\": true}"),
                "/States/S/Output");
        assertSchemaError(jsonataMachineWith("{\"Type\": \"Pass\", \"Output\": \"{%   %}\", \"End\": true}"),
                "/States/S/Output");
    }

    @Test
    void commentsAndLiteralStringsAreNotExpressions() {
        assertNoErrors(jsonataMachineWith("{\"Type\": \"Pass\", \"Comment\": \"{% not ( valid %}\","
                + " \"Output\": {\"literal\": \"10 %}\"}, \"End\": true}"));
    }

    @Test
    void jsonataTextInJsonPathStatesIsJustText() {
        assertNoErrors(machineWith("{\"Type\": \"Pass\", \"Result\": \"{% not ( valid %}\", \"End\": true}"));
    }
}
