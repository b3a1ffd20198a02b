package io.stepwise.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StatesError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs the AWS-recorded execution cases that are chains of Pass states in JSONata (Output and
 * Assign), with a tiny Pass interpreter, and compares status, output and error (cause included).
 */
class JsonataCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> JSONATA_PASS_FIELDS = Set.of("Type", "Next", "End", "Comment",
            "QueryLanguage", "Output", "Assign");
    private static final Set<String> JSONPATH_PASS_FIELDS = Set.of("Type", "Next", "End", "Comment",
            "QueryLanguage", "Assign");

    private final JsonataEvaluator evaluator = new JsonataEvaluator();

    @Test
    void passStateCasesMatchAwsRecordings() throws IOException {
        List<JsonNode> cases = runnableCases();
        List<String> failures = new ArrayList<>();
        for (JsonNode recorded : cases) {
            String failure = run(recorded);
            if (failure != null) {
                failures.add(recorded.get("id").stringValue() + ": " + failure);
            }
        }
        System.out.printf("JSONata corpus: %d of %d Pass-state cases match%n", cases.size() - failures.size(),
                cases.size());
        failures.forEach(failure -> System.out.println("  FAIL " + failure));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(58);
        assertThat(failures).isEmpty();
    }

    private static List<JsonNode> runnableCases() throws IOException {
        Path corpus = Path.of(System.getProperty("stepwise.conformance.dir", "../shared/asl-conformance"));
        Assumptions.assumeTrue(Files.isDirectory(corpus.resolve("execution")),
                "ASL conformance corpus not found at " + corpus.toAbsolutePath() + "; skipping");
        List<JsonNode> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus.resolve("execution"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode recorded = JSON.readTree(file.toFile());
                if (isExact(recorded) && isJsonataPassChain(recorded.get("definition"))) {
                    cases.add(recorded);
                }
            }
        }
        return cases;
    }

    private static boolean isExact(JsonNode recorded) {
        return recorded.get("service_free").asBoolean() && recorded.get("aws_validated").asBoolean()
                && recorded.path("needs_normalisation").isEmpty() && recorded.path("nondeterministic").isEmpty();
    }

    /** Only Pass states, at least one in JSONata; JSONPath ones may only assign literals. */
    private static boolean isJsonataPassChain(JsonNode definition) {
        boolean anyJsonata = false;
        for (Map.Entry<String, JsonNode> entry : definition.get("States").properties()) {
            JsonNode state = entry.getValue();
            if (!state.get("Type").stringValue().equals("Pass")) {
                return false;
            }
            boolean jsonata = isJsonata(definition, state);
            anyJsonata |= jsonata;
            Set<String> allowed = jsonata ? JSONATA_PASS_FIELDS : JSONPATH_PASS_FIELDS;
            if (!allowed.containsAll(state.propertyNames())
                    || (!jsonata && state.has("Assign") && state.get("Assign").toString().contains(".$"))) {
                return false;
            }
        }
        return anyJsonata;
    }

    private static boolean isJsonata(JsonNode definition, JsonNode state) {
        String language = state.has("QueryLanguage") ? state.get("QueryLanguage").stringValue()
                : definition.path("QueryLanguage").asString("JSONPath");
        return language.equals("JSONata");
    }

    /** Runs the chain; null when the outcome matches the recording, else what differs. */
    private String run(JsonNode recorded) {
        JsonNode definition = recorded.get("definition");
        JsonNode expected = recorded.get("expected");
        JsonNode data = recorded.get("input");
        Map<String, JsonNode> variables = new HashMap<>();
        String stateName = definition.get("StartAt").stringValue();
        int enteredEventId = 2;
        try {
            while (true) {
                JsonNode state = definition.get("States").get(stateName);
                data = runPass(definition, state, stateName, enteredEventId, data, variables);
                if (state.path("End").asBoolean()) {
                    break;
                }
                stateName = state.get("Next").stringValue();
                enteredEventId += 2;
            }
        } catch (StatesError error) {
            if (!expected.get("status").stringValue().equals("FAILED")) {
                return "failed unexpectedly: " + error.getMessage();
            }
            String cause = "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
                    + enteredEventId + "). " + error.cause();
            if (!error.error().equals(expected.path("error").asString())
                    || !cause.equals(expected.path("cause").asString())) {
                return "expected " + expected.path("error") + " / " + expected.path("cause") + " but got "
                        + error.error() + " / " + cause;
            }
            return null;
        }
        if (!expected.get("status").stringValue().equals("SUCCEEDED")) {
            return "succeeded with " + data + " but expected " + expected;
        }
        JsonNode expectedOutput = expected.get("output");
        if (expectedOutput.isString()) {
            // the recorder keeps non-object outputs as their JSON text
            expectedOutput = JSON.readTree(expectedOutput.stringValue());
        }
        JsonNode actual = JSON.readTree(JSON.writeValueAsString(data));
        return actual.equals(expectedOutput) ? null : "expected output " + expectedOutput + " but got " + actual;
    }

    private JsonNode runPass(JsonNode definition, JsonNode state, String stateName, int enteredEventId,
            JsonNode input, Map<String, JsonNode> variables) {
        if (!isJsonata(definition, state)) {
            state.path("Assign").properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue()));
            return input;
        }
        JsonataBindings bindings = JsonataBindings.of(input, JsonNodeFactory.instance.objectNode(), variables);
        JsonNode output = state.has("Output") ? evaluator.evaluateTemplate(state.get("Output"), "Output", bindings)
                : input;
        if (state.has("Assign")) {
            // every Assign value sees the variables as they were when the state was entered
            JsonNode assigned = evaluator.evaluateTemplate(state.get("Assign"), "Assign", bindings);
            assigned.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue()));
        }
        return output;
    }
}
