package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class TestStateApiTest extends IntegrationTest {

    @Test
    void aPassStateRunsWithInspectionData() {
        Response response = api.post("/v1/test-state", """
                {"definition": {"Type": "Pass", "Parameters": {"b.$": "$.a"}, "Next": "After"},
                 "input": {"a": 1}, "inspectionLevel": "DEBUG"}""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(response.body().get("output").toString()).isEqualTo("{\"b\":1}");
        assertThat(response.body().get("nextState").asString()).isEqualTo("After");
        assertThat(response.body().get("inspectionData").get("afterParameters").toString()).isEqualTo("{\"b\":1}");
    }

    @Test
    void aMockedTaskErrorIsCaughtLikeAws() {
        Response response = api.post("/v1/test-state", """
                {"definition": "{\\"Type\\": \\"Task\\", \\"Resource\\": \\"stepwise:echo\\", \\"End\\": true, \\"Catch\\": [{\\"ErrorEquals\\": [\\"States.ALL\\"], \\"Next\\": \\"Handle\\"}]}",
                 "input": "{\\"x\\": 1}", "mock": {"errorOutput": {"error": "Boom", "cause": "bad"}}}""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asString()).isEqualTo("CAUGHT_ERROR");
        assertThat(response.body().get("nextState").asString()).isEqualTo("Handle");
        assertThat(response.body().get("error").asString()).isEqualTo("Boom");
    }

    @Test
    void aStateOfAMachineIsFoundByName() {
        Response response = api.post("/v1/test-state", """
                {"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                   "B": {"Type": "Pass", "Result": 2, "End": true}}},
                 "stateName": "B", "mock": null}""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("output").asInt()).isEqualTo(2);
        assertThat(response.body().get("nextState").isNull()).isTrue();
    }

    @Test
    void rejectionsAreProblemsPointingAtTheField() {
        Response noMock = api.post("/v1/test-state", """
                {"definition": {"Type": "Task", "Resource": "stepwise:echo", "End": true}}""");
        assertThat(noMock.status()).isEqualTo(400);
        assertThat(noMock.body().get("type").asString()).isEqualTo("urn:stepwise:problem:mock-required");
        assertThat(noMock.body().get("pointer").asString()).isEqualTo("/mock");

        Response invalid = api.post("/v1/test-state", """
                {"definition": {"Type": "Pass", "Next": 5}}""");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("type").asString()).isEqualTo("urn:stepwise:problem:invalid-definition");
        assertThat(invalid.body().get("pointer").asString()).startsWith("/definition");
        assertThat(invalid.body().get("diagnostics").size()).isPositive();

        Response unknownState = api.post("/v1/test-state", """
                {"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, "stateName": "Z"}""");
        assertThat(unknownState.status()).isEqualTo(400);
        assertThat(unknownState.body().get("pointer").asString()).isEqualTo("/stateName");

        Response misplacedConfiguration = api.post("/v1/test-state", """
                {"definition": {"Type": "Pass", "End": true}, "stateConfiguration": {"retrierRetryCount": 1}}""");
        assertThat(misplacedConfiguration.status()).isEqualTo(400);
        assertThat(misplacedConfiguration.body().get("pointer").asString())
                .isEqualTo("/stateConfiguration/retrierRetryCount");
    }
}
