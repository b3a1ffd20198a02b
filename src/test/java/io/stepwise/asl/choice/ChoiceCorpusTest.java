package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StatesError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the AWS-recorded Choice-operator cases (a JSONPath Choice state leading to Pass states)
 * (and the few other Choice-to-Pass definitions) with a tiny interpreter and compares the outcome with the recording.
 */
class ChoiceCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void choiceOperatorCasesMatchAwsRecordings() throws IOException {
        List<JsonNode> cases = runnableCases();
        List<String> failures = new ArrayList<>();
        for (JsonNode recorded : cases) {
            String failure = run(recorded);
            if (failure != null) {
                failures.add(recorded.get("id").stringValue() + ": " + failure);
            }
        }
        System.out.printf("Choice corpus: %d of %d cases match%n", cases.size() - failures.size(), cases.size());
        failures.forEach(failure -> System.out.println("  FAIL " + failure));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(494);
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
                if (isChoiceToPass(recorded.get("definition"))) {
                    cases.add(recorded);
                }
            }
        }
        return cases;
    }

    /** A JSONPath definition of Choice states and Pass states that only set a Result. */
    private static boolean isChoiceToPass(JsonNode definition) {
        if (definition.path("QueryLanguage").asString("JSONPath").equals("JSONata")) {
            return false;
        }
        boolean anyChoice = false;
        for (Map.Entry<String, JsonNode> entry : definition.get("States").properties()) {
            JsonNode state = entry.getValue();
            String type = state.get("Type").stringValue();
            if (state.has("QueryLanguage") || state.has("InputPath") || state.has("OutputPath")
                    || state.has("Parameters") || state.has("ResultPath") || state.has("Assign")) {
                return false;
            }
            if (type.equals("Choice")) {
                anyChoice = true;
                for (JsonNode rule : state.get("Choices")) {
                    if (rule.has("Assign")) {
                        return false;
                    }
                }
            } else if (!type.equals("Pass")) {
                return false;
            }
        }
        return anyChoice;
    }

    private static String run(JsonNode recorded) {
        JsonNode definition = recorded.get("definition");
        JsonNode expected = recorded.get("expected");
        JsonNode data = recorded.get("input");
        JsonNode context = JSON.createObjectNode().set("Execution", JSON.createObjectNode().set("Input", data));
        String stateName = definition.get("StartAt").stringValue();
        try {
            while (true) {
                JsonNode state = definition.get("States").get(stateName);
                if (state.get("Type").stringValue().equals("Choice")) {
                    stateName = choose(state, new FieldPathResolver(data, context));
                    continue;
                }
                data = state.has("Result") ? state.get("Result") : data;
                if (state.path("End").asBoolean()) {
                    break;
                }
                stateName = state.get("Next").stringValue();
            }
        } catch (StatesError error) {
            boolean sameError = expected.get("status").stringValue().equals("FAILED")
                    && error.error().equals(expected.path("error").asString());
            return sameError ? null : "expected " + expected + " but failed with " + error.getMessage();
        }
        if (!expected.get("status").stringValue().equals("SUCCEEDED")) {
            return "succeeded with " + data + " but expected " + expected;
        }
        return data.equals(expected.get("output")) ? null : "expected " + expected.get("output") + " but got " + data;
    }

    private static String choose(JsonNode choiceState, PathResolver resolver) {
        for (JsonNode rule : choiceState.get("Choices")) {
            if (ChoiceRuleParser.parse(rule).matches(resolver)) {
                return rule.get("Next").stringValue();
            }
        }
        if (choiceState.has("Default")) {
            return choiceState.get("Default").stringValue();
        }
        throw new StatesError("States.NoChoiceMatched", "No Matches!");
    }
}
