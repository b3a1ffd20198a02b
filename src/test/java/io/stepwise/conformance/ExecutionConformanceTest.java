package io.stepwise.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.Json;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.engine.LocalRunner;
import io.stepwise.engine.TaskMocks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every exact AWS-recorded execution case runs in-process and must give AWS's status, error name and
 * output. Cases in {@code conformance/known-failures.txt} are expected to fail (each with a reason);
 * the test fails if any other case fails, and lists known failures that now pass so the list shrinks.
 */
class ExecutionConformanceTest {

    record Outcome(String id, String category, boolean passed, String detail) {
    }

    /** Cause texts are not part of the pass criterion (the README: compare them only where we mean to). */
    static final List<String> CAUSE_DIFFERENCES = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void exactExecutionCasesGiveAwsResults() throws IOException {
        var corpus = ConformanceCorpus.directory();
        assumeTrue(corpus.isPresent(), ConformanceCorpus.missingMessage());
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode execution : ConformanceCorpus.cases(corpus.get(), "execution")) {
            if (ConformanceCorpus.isExact(execution)) {
                outcomes.add(run(execution));
            }
        }
        Set<String> known = knownFailures();
        report("in-process", outcomes, CAUSE_DIFFERENCES);
        List<String> unexpected = outcomes.stream().filter(o -> !o.passed() && !known.contains(o.id()))
                .map(o -> o.id() + ": " + o.detail()).toList();
        List<String> fixed = outcomes.stream().filter(o -> o.passed() && known.contains(o.id())).map(Outcome::id)
                .toList();
        if (!fixed.isEmpty()) {
            System.out.println("Known failures that now pass (remove them from known-failures.txt): " + fixed);
        }
        assertThat(outcomes).hasSize(837);
        assertThat(unexpected).as("unexpected conformance failures").isEmpty();
    }

    static Outcome run(JsonNode execution) {
        String id = execution.get("id").asString();
        String category = execution.get("category").asString();
        JsonNode expected = execution.get("expected");
        try {
            var result = runLocally(execution);
            return compare(execution, result.status(), result.output(), result.error(), result.cause(),
                    CAUSE_DIFFERENCES);
        } catch (RuntimeException e) {
            return new Outcome(id, category, false, "threw " + e);
        }
    }

    /** Runs a recorded case in-process, its tasks unanswered (the exact cases need none). */
    static LocalRunner.Result runLocally(JsonNode execution) {
        JsonNode definition = execution.has("definition_raw")
                ? Json.parse(execution.get("definition_raw").asString()) : execution.get("definition");
        return LocalRunner.builder().mocks(TaskMocks.none()).build()
                .run(DefinitionParser.parse(definition), ConformanceCorpus.input(execution));
    }

    /** Compares an execution's end, however it ran, with the one AWS recorded: status, then output or error. */
    static Outcome compare(JsonNode execution, String status, JsonNode output, String error, String cause,
            List<String> causeDifferences) {
        String id = execution.get("id").asString();
        String category = execution.get("category").asString();
        JsonNode expected = execution.get("expected");
        String expectedStatus = expected.path("status").asString();
        if (!expectedStatus.equals(status)) {
            return new Outcome(id, category, false, "status " + status + " (" + error + ": " + cause + "), expected "
                    + expectedStatus + " " + expected.path("error"));
        }
        if ("SUCCEEDED".equals(expectedStatus)) {
            JsonNode want = ConformanceCorpus.expectedOutput(expected);
            boolean same = want == null ? output == null : JsonValues.sameValue(want, output);
            return new Outcome(id, category, same, same ? "" : "output " + output + ", expected " + want);
        }
        String wantError = expected.path("error").asString(null);
        boolean same = wantError == null || wantError.equals(error);
        if (same && expected.path("cause").isString() && !expected.get("cause").asString().equals(cause)) {
            causeDifferences.add(id + ": cause '" + cause + "', AWS '" + expected.get("cause").asString() + "'");
        }
        return new Outcome(id, category, same, same ? "" : "error " + error + " (" + cause + "), expected " + wantError);
    }

    static void report(String how, List<Outcome> outcomes, List<String> causeDifferences) {
        Map<String, List<Outcome>> byCategory = outcomes.stream()
                .collect(Collectors.groupingBy(Outcome::category, TreeMap::new, Collectors.toList()));
        StringBuilder report = new StringBuilder("ASL execution conformance (" + how + "), exact cases:\n");
        byCategory.forEach((category, list) -> report.append(String.format("  %-22s %4d / %4d%n", category,
                list.stream().filter(Outcome::passed).count(), list.size())));
        report.append(String.format("  %-22s %4d / %4d%n", "TOTAL", outcomes.stream().filter(Outcome::passed).count(),
                outcomes.size()));
        System.out.print(report);
        System.out.println("  cause texts differing from AWS's where the error matched: " + causeDifferences.size());
        causeDifferences.stream().limit(60).forEach(d -> System.out.println("  CAUSE " + abbreviate(d)));
        outcomes.stream().filter(o -> !o.passed()).limit(400)
                .forEach(o -> System.out.println("  FAIL " + o.id() + ": " + abbreviate(o.detail())));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static Set<String> knownFailures() throws IOException {
        try (InputStream in = ExecutionConformanceTest.class.getResourceAsStream("/conformance/known-failures.txt")) {
            if (in == null) {
                return Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+", 2)[0])
                    .collect(Collectors.toSet());
        }
    }

}
