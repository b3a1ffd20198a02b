package io.stepwise.conformance;

import io.stepwise.asl.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The AWS-recorded ASL cases of {@code ../shared/asl-conformance} (system property
 * {@code stepwise.conformance.dir}, or env {@code STEPWISE_CONFORMANCE_DIR}). Data only: read at test
 * time, never copied into the project.
 */
public final class ConformanceCorpus {

    private ConformanceCorpus() {
    }

    public static Optional<Path> directory() {
        String configured = System.getProperty("stepwise.conformance.dir", System.getenv("STEPWISE_CONFORMANCE_DIR"));
        Path path = Path.of(configured != null ? configured : "../shared/asl-conformance");
        return Files.isDirectory(path.resolve("execution")) ? Optional.of(path) : Optional.empty();
    }

    public static String missingMessage() {
        return "The ASL conformance corpus was not found (set -Dstepwise.conformance.dir or STEPWISE_CONFORMANCE_DIR"
                + " to the asl-conformance folder); skipping the AWS-recorded cases.";
    }

    /** Every case file of a folder (execution, test_state, validation), parsed. */
    public static List<JsonNode> cases(Path corpus, String folder) {
        try (Stream<Path> files = Files.list(corpus.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(ConformanceCorpus::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact per the corpus README: service-free, AWS-validated, nothing to normalise, deterministic. */
    public static boolean isExact(JsonNode execution) {
        return execution.path("service_free").asBoolean(false)
                && execution.path("aws_validated").asBoolean(false)
                && execution.path("needs_normalisation").isEmpty()
                && execution.path("nondeterministic").isEmpty();
    }

    /** The input as AWS received it: the raw string when there is one. */
    public static JsonNode input(JsonNode execution) {
        JsonNode raw = execution.get("input_raw");
        if (raw != null && raw.isString() && !raw.asString().isBlank()) {
            return Json.parse(raw.asString());
        }
        JsonNode input = execution.get("input");
        return input == null || input.isNull() ? Json.NODES.objectNode() : input;
    }

    /** Expected outputs are sometimes recorded as the JSON text AWS returned; compare as JSON values. */
    public static JsonNode expectedOutput(JsonNode expected) {
        JsonNode output = expected.get("output");
        if (output != null && output.isString()) {
            try {
                return Json.parse(output.asString());
            } catch (RuntimeException notJson) {
                return output;
            }
        }
        return output;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
