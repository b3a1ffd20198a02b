package io.stepwise.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stepwise.asl.Json;
import io.stepwise.conformance.TestStateConformanceTest.Outcome;
import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS-validated, locally runnable TestState cases again, through {@code POST /v1/test-state}: the
 * request built as a client would send it (JSON text where AWS takes text), compared as
 * {@link TestStateConformanceTest} compares, against the same known failures. Unlike that test the
 * service runs on the real clock and randomness: no case depends on them.
 */
class TestStateHttpConformanceTest extends IntegrationTest {

    @Test
    void runnableTestStateCasesGiveAwsResponsesOverHttp() throws IOException {
        var corpus = ConformanceCorpus.directory();
        assumeTrue(corpus.isPresent(), ConformanceCorpus.missingMessage());
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode testCase : ConformanceCorpus.cases(corpus.get(), "test_state")) {
            if (testCase.path("aws_validated").asBoolean(false) && testCase.path("runnable_locally").asBoolean(false)) {
                outcomes.add(run(testCase));
            }
        }
        long passed = outcomes.stream().filter(Outcome::passed).count();
        System.out.printf("TestState conformance over HTTP: %d / %d AWS-validated runnable cases pass%n", passed,
                outcomes.size());
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> System.out.println("  FAIL " + o.id() + ": "
                + TestStateConformanceTest.abbreviate(o.detail())));
        Set<String> known = TestStateConformanceTest.knownFailures();
        List<String> unexpected = outcomes.stream().filter(o -> !o.passed() && !known.contains(o.id()))
                .map(o -> o.id() + ": " + o.detail()).toList();
        assertThat(outcomes).hasSize(124);
        assertThat(unexpected).as("unexpected TestState conformance failures over HTTP").isEmpty();
    }

    private Outcome run(JsonNode testCase) {
        Response response = api.post("/v1/test-state", Json.write(body(testCase)));
        JsonNode answer = response.body();
        if (response.status() != 200) {
            return new Outcome(testCase.get("id").asString(), false, "HTTP " + response.status() + " " + response.raw());
        }
        return TestStateConformanceTest.compare(testCase, text(answer, "status"), text(answer, "error"),
                text(answer, "cause"), text(answer, "nextState"), value(answer, "output"),
                value(answer, "inspectionData"));
    }

    /** The case's request as JSON: definition, input, variables and context as the text AWS received. */
    static ObjectNode body(JsonNode testCase) {
        JsonNode request = testCase.get("request");
        ObjectNode body = Json.NODES.objectNode();
        if (testCase.path("definition_raw").isString()) {
            body.put("definition", testCase.get("definition_raw").asString());
        } else {
            body.set("definition", testCase.get("definition"));
        }
        copyText(request, body, "stateName");
        copyText(request, body, "input");
        copyText(request, body, "inspectionLevel");
        copyText(request, body, "variables");
        copyText(request, body, "context");
        JsonNode mock = request.get("mock");
        if (mock != null && mock.has("result")) {
            body.putObject("mock").put("result", mock.get("result").asString());
        } else if (mock != null && mock.has("errorOutput")) {
            ObjectNode error = body.putObject("mock").putObject("errorOutput");
            copyText(mock.get("errorOutput"), error, "error");
            copyText(mock.get("errorOutput"), error, "cause");
        }
        JsonNode configuration = request.get("stateConfiguration");
        if (configuration != null) {
            ObjectNode c = body.putObject("stateConfiguration");
            for (String field : List.of("retrierRetryCount", "mapIterationFailureCount")) {
                if (configuration.has(field)) {
                    c.put(field, configuration.get(field).asInt());
                }
            }
            copyText(configuration, c, "errorCausedByState");
            copyText(configuration, c, "mapItemReaderData");
        }
        if (!testCase.path("source").path("test").asString("").contains("test_state_with_variables")) {
            body.put("roleArn", TestStateConformanceTest.ROLE);
        }
        return body;
    }

    private static void copyText(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.put(field, value.asString());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static JsonNode value(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
