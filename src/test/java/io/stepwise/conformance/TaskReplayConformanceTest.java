package io.stepwise.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.Json;
import io.stepwise.asl.jsonpath.JsonValues;
import io.stepwise.engine.LocalRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The AWS-validated execution cases with Task states, replayed in-process: every Task is answered by
 * the outcome AWS recorded for it ({@link RecordedTasks}), and the run must end with AWS's status,
 * error name and output. Values the recorder replaced by placeholders are compared by shape
 * ({@link PlaceholderMatch}). Cases whose history does not determine every task's outcome, or that
 * need AWS behaviour beyond the task results (distributed Map, ItemReader, ResultWriter, ItemBatcher),
 * are not selected. Failures listed in {@code conformance/task-replay-known-failures.txt} are expected;
 * any other failure fails the test, and listed cases that now pass are named.
 */
class TaskReplayConformanceTest {

    enum Verdict { EXACT, LOOSE, FAILED }

    record Outcome(String id, Verdict verdict, String detail) {
    }

    @Test
    void recordedTaskResultsReplayToAwsResults() throws IOException {
        var corpus = ConformanceCorpus.directory();
        assumeTrue(corpus.isPresent(), ConformanceCorpus.missingMessage());
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Integer> notSelected = new TreeMap<>();
        for (JsonNode execution : ConformanceCorpus.cases(corpus.get(), "execution")) {
            if (execution.path("service_free").asBoolean(true) || !execution.path("aws_validated").asBoolean(false)) {
                continue;
            }
            StringBuilder whyNot = new StringBuilder();
            Optional<RecordedTasks> tasks = needsMoreThanTaskResults(execution, whyNot) ? Optional.empty()
                    : RecordedTasks.of(execution.get("expected_events"), whyNot);
            if (tasks.isEmpty()) {
                notSelected.merge(whyNot.toString().replaceAll("#\\d+", "#n"), 1, Integer::sum);
                continue;
            }
            outcomes.add(replay(execution, tasks.get()));
        }
        Map<String, String> known = knownFailures();
        report(outcomes, notSelected, known);
        List<String> unexpected = outcomes.stream()
                .filter(o -> o.verdict() == Verdict.FAILED && !known.containsKey(o.id()))
                .map(o -> o.id() + ": " + o.detail()).toList();
        List<String> fixed = outcomes.stream().filter(o -> o.verdict() != Verdict.FAILED && known.containsKey(o.id()))
                .map(Outcome::id).toList();
        if (!fixed.isEmpty()) {
            System.out.println("Known task-replay failures that now pass (remove them from the list): " + fixed);
        }
        assertThat(outcomes).as("selected cases").hasSizeGreaterThanOrEqualTo(187);
        assertThat(unexpected).as("unexpected task-replay failures").isEmpty();
    }

    /** Behaviour that the task results alone do not pin down; the reason goes into {@code whyNot}. */
    private static boolean needsMoreThanTaskResults(JsonNode execution, StringBuilder whyNot) {
        JsonNode features = execution.path("features");
        if (!execution.path("expected_events").isArray()) {
            whyNot.append("no recorded history (Express workflow)");
        } else if (execution.path("expected").path("output").asString("").endsWith("EventDetails.output")) {
            whyNot.append("AWS's output was not recorded (a placeholder stands for it)");
        } else if (contains(features.path("map_modes"), "DISTRIBUTED")) {
            whyNot.append("distributed Map (child executions are not in the history)");
        } else if (contains(features.path("fields"), "ItemReader") || contains(features.path("fields"), "ResultWriter")
                || contains(features.path("fields"), "ItemBatcher")) {
            whyNot.append("ItemReader / ResultWriter / ItemBatcher");
        }
        return !whyNot.isEmpty();
    }

    private static boolean contains(JsonNode array, String value) {
        return StreamSupport.stream(array.spliterator(), false).anyMatch(v -> v.isString() && value.equals(v.asString()));
    }

    static Outcome replay(JsonNode execution, RecordedTasks tasks) {
        String id = execution.get("id").asString();
        JsonNode expected = execution.get("expected");
        try {
            JsonNode definition = execution.has("definition_raw")
                    ? Json.parse(execution.get("definition_raw").asString()) : execution.get("definition");
            var result = LocalRunner.builder().mocks(tasks).build()
                    .run(DefinitionParser.parse(definition), recordedInput(execution));
            String expectedStatus = expected.path("status").asString();
            if (!expectedStatus.equals(result.status())) {
                return new Outcome(id, Verdict.FAILED, "status " + result.status() + " (" + result.error() + ": "
                        + result.cause() + "), expected " + expectedStatus + " " + expected.path("error"));
            }
            if ("SUCCEEDED".equals(expectedStatus)) {
                JsonNode want = ConformanceCorpus.expectedOutput(expected);
                if (want == null ? result.output() == null : JsonValues.sameValue(want, result.output())) {
                    return new Outcome(id, Verdict.EXACT, "");
                }
                if (PlaceholderMatch.matches(want, result.output())) {
                    return new Outcome(id, Verdict.LOOSE, "");
                }
                return new Outcome(id, Verdict.FAILED, "output " + result.output() + ", expected " + want);
            }
            String wantError = expected.path("error").asString(null);
            if (wantError == null || wantError.equals(result.error())) {
                return new Outcome(id, Verdict.EXACT, "");
            }
            if (PlaceholderMatch.matches(expected.get("error"), Json.NODES.stringNode(result.error()))) {
                return new Outcome(id, Verdict.LOOSE, "");
            }
            return new Outcome(id, Verdict.FAILED, "error " + result.error() + " (" + result.cause() + "), expected "
                    + wantError);
        } catch (RuntimeException e) {
            return new Outcome(id, Verdict.FAILED, "threw " + e);
        }
    }

    /**
     * The input as the history recorded it: the recorder's placeholders in it are the same ones the
     * recorded task results and the expected output carry, so they flow through and still match.
     */
    private static JsonNode recordedInput(JsonNode execution) {
        JsonNode first = execution.get("expected_events").path(0);
        JsonNode input = first.path("details").get("input");
        if ("ExecutionStarted".equals(first.path("type").asString()) && input != null && !input.isString()) {
            return input;
        }
        return ConformanceCorpus.input(execution);
    }

    private static void report(List<Outcome> outcomes, Map<String, Integer> notSelected, Map<String, String> known) {
        System.out.println("ASL task-replay conformance (in-process, tasks answered by AWS's recorded results):");
        System.out.printf("  selected %d, passed exactly %d, passed comparing placeholders by shape and JSON texts as JSON %d,"
                + " failed %d%n",
                outcomes.size(), count(outcomes, Verdict.EXACT), count(outcomes, Verdict.LOOSE),
                count(outcomes, Verdict.FAILED));
        notSelected.forEach((why, n) -> System.out.printf("  not selected %3d: %s%n", n, why));
        Map<String, Long> byReason = outcomes.stream().filter(o -> o.verdict() == Verdict.FAILED)
                .collect(Collectors.groupingBy(o -> known.getOrDefault(o.id(), "(not listed)"), TreeMap::new,
                        Collectors.counting()));
        byReason.forEach((why, n) -> System.out.printf("  known failure %3d: %s%n", n, why));
        outcomes.stream().filter(o -> o.verdict() == Verdict.FAILED).forEach(o -> System.out.println("  FAIL " + o.id()
                + ": " + (o.detail().length() > 300 ? o.detail().substring(0, 300) + "…" : o.detail())));
    }

    private static long count(List<Outcome> outcomes, Verdict verdict) {
        return outcomes.stream().filter(o -> o.verdict() == verdict).count();
    }

    /** Case id → reason, from {@code conformance/task-replay-known-failures.txt}. */
    private static Map<String, String> knownFailures() throws IOException {
        try (InputStream in = TaskReplayConformanceTest.class
                .getResourceAsStream("/conformance/task-replay-known-failures.txt")) {
            if (in == null) {
                return Map.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : "", (a, b) -> a, TreeMap::new));
        }
    }
}
