package io.stepwise.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.stepwise.asl.StatesError;
import io.stepwise.asl.jsonpath.InputOutputPaths;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.asl.jsonpath.PathRoots;
import io.stepwise.asl.jsonpath.ResultPaths;
import io.stepwise.asl.payload.PayloadTemplate;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the AWS-recorded executions whose machine is a chain of JSONPath Pass states using only
 * InputPath, Parameters, Result, ResultPath and OutputPath, with a minimal Pass evaluation here,
 * and compares output, error and cause with what AWS recorded. Only "exact" cases (see the corpus
 * README): service-free, AWS-validated, needing no normalisation and deterministic.
 */
class IntrinsicCorpusTest {

    private static final Set<String> CATEGORIES = Set.of("intrinsic_functions", "base", "scenarios", "context_object");
    private static final Set<String> PASS_FIELDS = Set.of("Type", "Next", "End", "Comment", "InputPath", "Parameters",
            "Result", "ResultPath", "OutputPath");

    private final IntrinsicEvaluator intrinsics = new IntrinsicEvaluator(
            new IntrinsicSources(new java.util.SplittableRandom(7), () -> new UUID(0, 0)));

    @TestFactory
    Stream<DynamicTest> exactPassStateCasesMatchAws() throws IOException {
        String dir = System.getProperty("stepwise.conformance.dir", "../shared/asl-conformance");
        Path executions = Path.of(dir, "execution");
        assumeTrue(Files.isDirectory(executions),
                "AWS conformance corpus not found at " + executions.toAbsolutePath() + " (set -Dstepwise.conformance.dir); skipping");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(executions)) {
            for (Path file : files.sorted().toList()) {
                JsonNode testCase = JsonValues.MAPPER.readTree(file.toFile());
                if (selected(testCase)) {
                    tests.add(DynamicTest.dynamicTest(testCase.get("id").stringValue(), () -> check(testCase)));
                }
            }
        }
        assertThat(tests).as("selected corpus cases").hasSizeGreaterThanOrEqualTo(144);
        return tests.stream();
    }

    static boolean selected(JsonNode testCase) {
        boolean exact = testCase.path("service_free").asBoolean() && testCase.path("aws_validated").asBoolean()
                && testCase.path("needs_normalisation").isEmpty() && testCase.path("nondeterministic").isEmpty();
        if (!exact || !CATEGORIES.contains(testCase.path("category").asString())) {
            return false;
        }
        JsonNode definition = testCase.get("definition");
        if (definition.has("QueryLanguage") && !definition.get("QueryLanguage").asString().equals("JSONPath")) {
            return false;
        }
        for (JsonNode state : definition.get("States").values()) {
            if (!state.path("Type").asString().equals("Pass")) {
                return false;
            }
            for (String field : state.propertyNames()) {
                if (!PASS_FIELDS.contains(field)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void check(JsonNode testCase) {
        JsonNode expected = testCase.get("expected");
        JsonNode input = testCase.get("input");
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.putObject("Execution").set("Input", input);
        JsonNode definition = testCase.get("definition");
        String stateName = definition.get("StartAt").stringValue();
        JsonNode data = input;
        int enteredEventId = 2;
        while (true) {
            JsonNode state = definition.get("States").get(stateName);
            try {
                data = pass(state, data, context);
            } catch (StatesError error) {
                String cause = "An error occurred while executing the state '" + stateName
                        + "' (entered at the event id #" + enteredEventId + "). " + error.cause();
                assertThat(expected.get("status").stringValue()).as("status (we failed with %s: %s)", error.error(), cause)
                        .isEqualTo("FAILED");
                assertThat(error.error()).isEqualTo(expected.get("error").stringValue());
                if (expected.has("cause")) {
                    assertThat(cause).isEqualTo(expected.get("cause").stringValue());
                }
                return;
            }
            if (state.path("End").asBoolean()) {
                break;
            }
            stateName = state.get("Next").stringValue();
            enteredEventId += 2;
        }
        if (!expected.get("status").stringValue().equals("SUCCEEDED")) {
            fail("expected " + expected + " but succeeded with " + data);
        }
        if (!JsonValues.sameValue(data, expected.get("output"))) {
            fail("expected output " + expected.get("output") + " but was " + data);
        }
    }

    /** A Pass state in the JSONPath dialect: InputPath, then Parameters, Result, ResultPath, OutputPath. */
    private JsonNode pass(JsonNode state, JsonNode rawInput, JsonNode context) {
        JsonNode effectiveInput = InputOutputPaths.apply(pathField(state, "InputPath"), new PathRoots(rawInput, context, null));
        if (state.has("Parameters")) {
            effectiveInput = PayloadTemplate.compile(state.get("Parameters"))
                    .apply(new PathRoots(effectiveInput, context, null), intrinsics);
        }
        JsonNode result = state.has("Result") ? state.get("Result") : effectiveInput;
        JsonNode output = ResultPaths.merge(pathField(state, "ResultPath"), rawInput, result);
        return InputOutputPaths.apply(pathField(state, "OutputPath"), new PathRoots(output, context, null));
    }

    /** An absent path field means "$"; a JSON null stays null (Java null). */
    private static String pathField(JsonNode state, String field) {
        if (!state.has(field)) {
            return "$";
        }
        return state.get(field).isNull() ? null : state.get(field).stringValue();
    }
}
