package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.ValidationAssertions.assertError;
import static io.stepwise.asl.validation.ValidationAssertions.assertNoErrors;
import static io.stepwise.asl.validation.ValidationAssertions.assertSchemaError;
import static io.stepwise.asl.validation.ValidationAssertions.jsonataMachineWith;
import static io.stepwise.asl.validation.ValidationAssertions.machineWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskFailValidationTest {

    private static String task(String fields) {
        return machineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true"
                + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    @Test
    void wellFormedTasksPass() {
        assertNoErrors(task("\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 5, \"Credentials\": {\"RoleArn.$\": \"$.r\"}"));
        assertNoErrors(machineWith("{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST\", \"End\": true}"));
        assertNoErrors(machineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::aws-sdk:dynamodb:query\","
                + " \"End\": true}"));
    }

    @Test
    void resourceIsARequiredArn() {
        assertSchemaError(machineWith("{\"Type\": \"Task\", \"End\": true}"), "/States/S");
        assertSchemaError(machineWith("{\"Type\": \"Task\", \"Resource\": {\"Ref\": \"x\"}, \"End\": true}"),
                "/States/S/Resource");
        assertError(machineWith("{\"Type\": \"Task\", \"Resource\": \"${lambdaArn\", \"End\": true}"),
                DiagnosticCodes.INVALID_RESOURCE, "/States/S/Resource");
        assertError(machineWith("{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:lambda:r:1:function:F:$*#$7485\", \"End\": true}"),
                DiagnosticCodes.INVALID_RESOURCE, "/States/S/Resource");
    }

    @Test
    void unknownActionsOfOptimisedIntegrationsAreRefused() {
        String definition = machineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:query\","
                + " \"End\": true}");
        assertSchemaError(definition, "/States/S/Resource");
        assertThat(CreateStateMachineMessages.invalidDefinition(DefinitionValidator.validate(definition)))
                .contains("arn:<partition>:states:::dynamodb:query is not recognized");
    }

    @Test
    void expressMachinesRefuseCallbacksJobsAndActivities() {
        for (String resource : new String[] {"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "arn:aws:states:::states:startExecution.sync:2",
                "arn:aws:states:us-east-1:123456789012:activity:a"}) {
            String definition = machineWith("{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}");
            assertNoErrors(definition);
            assertThat(DefinitionValidator.validate(definition, StateMachineType.EXPRESS))
                    .anySatisfy(d -> assertThat(d.location()).isEqualTo("/States/S/Resource"));
        }
    }

    @Test
    void timeoutsAreExclusiveWithTheirPathsAndOrdered() {
        assertSchemaError(task("\"TimeoutSeconds\": 20, \"TimeoutSecondsPath\": \"$.t\""), "/States/S/TimeoutSecondsPath");
        assertSchemaError(task("\"HeartbeatSeconds\": 20, \"HeartbeatSecondsPath\": \"$.h\""),
                "/States/S/HeartbeatSecondsPath");
        assertSchemaError(task("\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10"), "/States/S/HeartbeatSeconds");
        assertSchemaError(task("\"TimeoutSeconds\": 0"), "/States/S/TimeoutSeconds");
        assertNoErrors(jsonataMachineWith("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"TimeoutSeconds\": \"{% $states.input.t %}\", \"End\": true}"));
    }

    @Test
    void credentialsNeedARoleArn() {
        assertSchemaError(task("\"Credentials\": {}"), "/States/S/Credentials");
        assertSchemaError(task("\"Credentials\": {\"InvalidField\": \"x\"}"), "/States/S/Credentials");
        assertSchemaError(task("\"Credentials\": null"), "/States/S/Credentials");
        assertThat(CreateStateMachineMessages.invalidDefinition(DefinitionValidator.validate(task("\"Credentials\": {}"))))
                .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is"
                        + " required but was missing at /States/S/Credentials'");
    }

    @Test
    void failUsesErrorOrErrorPathAndCauseOrCausePath() {
        assertNoErrors(machineWith("{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\","
                + " \"CausePath\": \"States.Format('{}', $.c)\"}"));
        assertSchemaError(machineWith("{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}"),
                "/States/S/ErrorPath");
        assertSchemaError(machineWith("{\"Type\": \"Fail\", \"Cause\": \"C\", \"CausePath\": \"$.c\"}"),
                "/States/S/CausePath");
        assertSchemaError(machineWith("{\"Type\": \"Fail\", \"CausePath\": \"c\"}"), "/States/S/CausePath");
        assertSchemaError(machineWith("{\"Type\": \"Fail\", \"Error\": 1}"), "/States/S/Error");
    }
}
