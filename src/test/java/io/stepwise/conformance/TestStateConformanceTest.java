package io.stepwise.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stepwise.asl.Json;
import io.stepwise.engine.InspectionLevel;
import io.stepwise.engine.StateTester;
import io.stepwise.engine.TestStateConfiguration;
import io.stepwise.engine.TestStateMock;
import io.stepwise.engine.TestStateRequest;
import io.stepwise.engine.TestStateResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every AWS-validated TestState case that needs no AWS service runs through {@link StateTester} and
 * must give AWS's status, error, cause, nextState, output and inspectionData. Cases in
 * {@code conformance/test-state-known-failures.txt} are expected to fail (each with a reason); the test
 * fails on any other failure and lists known failures that now pass.
 *
 * <p>The recorder masked the account as 111111111111, so the tester runs with that account. LocalStack's
 * tests pass a roleArn that the corpus did not record; as the recorded contexts show, every test passed
 * one except the variables scenarios (their Execution.RoleArn is null), so the same is done here.
 */
class TestStateConformanceTest {

    private static final String RECORDED_ACCOUNT = "111111111111";
    static final String ROLE = "arn:aws:iam::" + RECORDED_ACCOUNT + ":role/stepwise-test-state";

    record Outcome(String id, boolean passed, String detail) {
    }

    @Test
    void runnableTestStateCasesGiveAwsResponses() throws IOException {
        var corpus = ConformanceCorpus.directory();
        assumeTrue(corpus.isPresent(), ConformanceCorpus.missingMessage());
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode testCase : ConformanceCorpus.cases(corpus.get(), "test_state")) {
            if (testCase.path("aws_validated").asBoolean(false) && testCase.path("runnable_locally").asBoolean(false)) {
                outcomes.add(run(testCase));
            }
        }
        Set<String> known = knownFailures();
        long passed = outcomes.stream().filter(Outcome::passed).count();
        System.out.printf("TestState conformance: %d / %d AWS-validated runnable cases pass%n", passed, outcomes.size());
        outcomes.stream().filter(o -> !o.passed())
                .forEach(o -> System.out.println("  FAIL " + o.id() + ": " + abbreviate(o.detail())));
        List<String> fixed = outcomes.stream().filter(o -> o.passed() && known.contains(o.id())).map(Outcome::id)
                .toList();
        if (!fixed.isEmpty()) {
            System.out.println("Known failures that now pass (remove them from test-state-known-failures.txt): "
                    + fixed);
        }
        List<String> unexpected = outcomes.stream().filter(o -> !o.passed() && !known.contains(o.id()))
                .map(o -> o.id() + ": " + o.detail()).toList();
        assertThat(outcomes).hasSize(124);
        assertThat(unexpected).as("unexpected TestState conformance failures").isEmpty();
    }

    static Outcome run(JsonNode testCase) {
        String id = testCase.get("id").asString();
        try {
            TestStateResult result = tester().test(request(testCase));
            return compare(testCase, result.status().name(), result.error(), result.cause(), result.nextState(),
                    result.output(), result.inspectionData());
        } catch (RuntimeException e) {
            return new Outcome(id, false, "threw " + e);
        }
    }

    /** Compares a TestState answer, however it was obtained, with the one AWS recorded for the case. */
    static Outcome compare(JsonNode testCase, String status, String error, String cause, String nextState,
            JsonNode output, JsonNode inspectionData) {
        JsonNode expected = testCase.get("expected");
        var matcher = new RecordedValueMatcher(testCase.get("needs_normalisation"));
        List<String> differences = new ArrayList<>();
        compareText("status", expected.path("status").asString(null), status, differences);
        compareText("error", expected.path("error").asString(null), error, differences);
        compareText("cause", expected.path("cause").asString(null), cause, differences);
        compareText("nextState", expected.path("nextState").asString(null), nextState, differences);
        JsonNode wantOutput = ConformanceCorpus.expectedOutput(expected);
        if (!matcher.matches(wantOutput, output)) {
            differences.add("output " + output + ", expected " + wantOutput);
        }
        JsonNode wantInspection = parsedValues(expected.get("inspectionData"));
        if (!matcher.matches(wantInspection, inspectionData)) {
            differences.add("inspectionData " + inspectionData + ", expected " + wantInspection);
        }
        return new Outcome(testCase.get("id").asString(), differences.isEmpty(), String.join("; ", differences));
    }

    private static StateTester tester() {
        return new StateTester(Clock.fixed(Instant.parse("2025-01-15T10:30:00Z"), ZoneOffset.UTC), new Random(7),
                "us-east-1", RECORDED_ACCOUNT);
    }

    static TestStateRequest request(JsonNode testCase) {
        JsonNode request = testCase.get("request");
        String definition = testCase.path("definition_raw").isString() ? testCase.get("definition_raw").asString()
                : Json.write(testCase.get("definition"));
        JsonNode mock = request.get("mock");
        TestStateMock testMock = null;
        if (mock != null && mock.has("result")) {
            testMock = new TestStateMock.Result(mock.get("result").asString());
        } else if (mock != null && mock.has("errorOutput")) {
            JsonNode error = mock.get("errorOutput");
            testMock = new TestStateMock.ErrorOutput(error.path("error").asString(null),
                    error.path("cause").asString(null));
        }
        JsonNode configuration = request.get("stateConfiguration");
        TestStateConfiguration testConfiguration = configuration == null ? null : new TestStateConfiguration(
                integer(configuration, "retrierRetryCount"), integer(configuration, "mapIterationFailureCount"),
                configuration.path("errorCausedByState").asString(null),
                configuration.path("mapItemReaderData").asString(null));
        String test = testCase.path("source").path("test").asString("");
        return new TestStateRequest(definition, request.path("stateName").asString(null),
                request.path("input").asString(null), InspectionLevel.valueOf(request.path("inspectionLevel")
                        .asString("INFO")), testMock, request.path("variables").asString(null),
                request.path("context").asString(null), testConfiguration,
                test.contains("test_state_with_variables") ? null : ROLE);
    }

    private static Integer integer(JsonNode node, String field) {
        return node.has(field) ? Integer.valueOf(node.get(field).asInt()) : null;
    }

    /** AWS returns each inspectionData value as JSON text; the recorder parsed only some of them. */
    private static JsonNode parsedValues(JsonNode inspectionData) {
        if (inspectionData == null) {
            return null;
        }
        ObjectNode parsed = Json.NODES.objectNode();
        inspectionData.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isString()) {
                try {
                    value = Json.parse(value.asString());
                } catch (RuntimeException notJson) {
                    // a plain string stays as it is
                }
            }
            parsed.set(e.getKey(), value);
        });
        return parsed;
    }

    private static void compareText(String field, String expected, String actual, List<String> differences) {
        if (!Objects.equals(expected, actual)) {
            differences.add(field + " '" + actual + "', expected '" + expected + "'");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    static Set<String> knownFailures() throws IOException {
        try (InputStream in = TestStateConformanceTest.class
                .getResourceAsStream("/conformance/test-state-known-failures.txt")) {
            if (in == null) {
                return Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+", 2)[0])
                    .collect(Collectors.toSet());
        }
    }
}
