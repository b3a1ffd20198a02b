package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Runs the validator over the AWS-recorded conformance corpus: what AWS accepted must yield no error,
 * what it rejected must yield one (at the location AWS named, when it named one), and the
 * asl-validator project's labels must agree except where AWS itself behaves differently.
 */
class ValidatorCorpusTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern AWS_LOCATION = Pattern.compile(" at (/[^' ]*)'?\\.?$");

    /** asl-validator labels that AWS's behaviour contradicts, or that this validator does not judge. */
    private static final Map<String, String> ASL_VALIDATOR_EXCEPTIONS = Map.ofEntries(
            Map.entry("valid-cfn-definition-substitutions.json",
                    "'${lambdaArn}' is a CloudFormation placeholder; AWS only ever sees the substituted ARN"),
            Map.entry("valid-task-credentials.json",
                    "AWS requires Credentials.RoleArn (credentials cases in validation/ are rejected without it)"),
            Map.entry("invalid-json-surround-syntax-extra-spaces.json",
                    "blanks inside {% %} are ordinary JSONata whitespace; AWS documents no spacing rule"),
            Map.entry("invalid-jsonata-surround-syntax-no-spaces.json",
                    "'{%10%}' is a complete JSONata template; AWS documents no spacing rule"),
            Map.entry("invalid-jsonata-surround-syntax-no-close.json",
                    "'{% 10 %' is not a JSONata template, so it is a literal string, which JSONata fields accept"),
            Map.entry("invalid-jsonata-surround-syntax-no-open.json",
                    "'10 %}' is not a JSONata template, so it is a literal string, which JSONata fields accept"),
            Map.entry("valid-map-with-item-batcher-jsonata.json",
                    "a JSONPath state under a JSONata machine: AWS rejects that downgrade (validation/ INVALID_DOWNGRADE cases)"),
            Map.entry("valid-task-intrisic-function.json",
                    "Resource objects {Fn::GetAtt}/{Ref} are CloudFormation template syntax, resolved before AWS sees them"),
            Map.entry("invalid-math-add.json",
                    "argument types of intrinsic functions are IntrinsicParser's concern, not call syntax"),
            Map.entry("valid-current-value-predicate.json",
                    "filter compares with an unquoted word (@.OutputKey == FooBar); AWS's JSONPath library (Jayway) "
                            + "cannot parse that, so we reject it; asl-validator's lenient JSONPath accepts it"));

    /** Rejected validation cases whose rule is about the API request, not the definition. */
    private static final Map<String, String> VALIDATION_EXCEPTIONS = Map.of(
            "test_state_type_requires_mock_MapState",
            "TestState refuses Map/Parallel only when no mock is given: a request rule, not an ASL one",
            "test_state_type_requires_mock_MapTaskState",
            "TestState refuses Map/Parallel only when no mock is given: a request rule, not an ASL one",
            "test_state_type_requires_mock_ParallelState",
            "TestState refuses Map/Parallel only when no mock is given: a request rule, not an ASL one");

    private static Path corpus;

    @BeforeAll
    static void locateCorpus() {
        String dir = System.getProperty("stepwise.conformance.dir", System.getenv("STEPWISE_CONFORMANCE_DIR"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "validation")),
                "ASL conformance corpus not found (set -Dstepwise.conformance.dir); skipping corpus test");
        corpus = Path.of(dir);
    }

    @Test
    void executionDefinitionsAcceptedByAwsHaveNoErrors() throws IOException {
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int total = 0;
        for (Path file : jsonFiles("execution")) {
            JsonNode testCase = MAPPER.readTree(file.toFile());
            total++;
            StateMachineType type = "EXPRESS".equals(testCase.path("state_machine_type").asString())
                    ? StateMachineType.EXPRESS : StateMachineType.STANDARD;
            List<Diagnostic> errors = errors(DefinitionValidator.validate(withRealResources(testCase.get("definition")),
                    type));
            if (errors.isEmpty()) {
                passed++;
            } else {
                failures.add(file.getFileName() + " -> " + errors);
            }
        }
        report("execution (accepted)", passed, total, failures);
        assertThat(total).as("execution cases").isGreaterThanOrEqualTo(1144);
        assertThat(failures).isEmpty();
    }

    @Test
    void testStateDefinitionsAcceptedByAwsHaveNoErrors() throws IOException {
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int total = 0;
        for (Path file : jsonFiles("test_state")) {
            JsonNode testCase = MAPPER.readTree(file.toFile());
            total++;
            List<Diagnostic> errors = errors(validateCase(testCase));
            if (errors.isEmpty()) {
                passed++;
            } else {
                failures.add(file.getFileName() + " -> " + errors);
            }
        }
        report("test_state (accepted)", passed, total, failures);
        assertThat(total).as("test_state cases").isGreaterThanOrEqualTo(149);
        assertThat(failures).isEmpty();
    }

    @Test
    void validationCasesAboutTheDefinitionMatchAws() throws IOException {
        Map<String, int[]> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path file : jsonFiles("validation")) {
            JsonNode testCase = MAPPER.readTree(file.toFile());
            if (!"definition".equals(testCase.path("validation_subject").asString())) {
                continue;
            }
            String id = testCase.path("id").asString();
            String excepted = VALIDATION_EXCEPTIONS.keySet().stream().filter(id::contains).findFirst().orElse(null);
            if (excepted != null) {
                continue;
            }
            boolean accepted = testCase.path("expected").path("accepted").asBoolean();
            String category = testCase.path("category").asString() + (accepted ? " (accepted)" : " (rejected)");
            int[] count = counts.computeIfAbsent(category, k -> new int[2]);
            count[1]++;
            List<Diagnostic> diagnostics = validateCase(testCase);
            List<Diagnostic> errors = errors(diagnostics);
            String problem = null;
            if (accepted && !errors.isEmpty()) {
                problem = "accepted by AWS, but " + errors;
            } else if (!accepted && errors.isEmpty()) {
                problem = "rejected by AWS (" + testCase.path("expected") + "), but no error";
            } else if (!accepted) {
                for (String location : awsLocations(testCase.path("expected"))) {
                    if (errors.stream().noneMatch(d -> d.location().equals(location))) {
                        problem = "AWS reports " + location + ", we report " + errors;
                    }
                }
            }
            if (problem == null) {
                count[0]++;
            } else {
                failures.add(file.getFileName() + " -> " + problem);
            }
        }
        counts.forEach((category, count) -> report("validation/" + category, count[0], count[1], List.of()));
        int total = counts.values().stream().mapToInt(c -> c[1]).sum();
        report("validation", counts.values().stream().mapToInt(c -> c[0]).sum(), total, failures);
        assertThat(total).as("validation cases about the definition").isGreaterThanOrEqualTo(118);
        assertThat(failures).isEmpty();
    }

    @Test
    void aslValidatorLabelsAgreeExceptWhereAwsDiffers() throws IOException {
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int total = 0;
        for (Path file : jsonFiles("asl_validator_repo")) {
            String name = file.getFileName().toString();
            if (ASL_VALIDATOR_EXCEPTIONS.containsKey(name)) {
                continue;
            }
            total++;
            boolean valid = name.startsWith("valid-");
            List<Diagnostic> errors = errors(DefinitionValidator.validate(Files.readString(file)));
            if (valid == errors.isEmpty()) {
                passed++;
            } else {
                failures.add(name + " -> " + (valid ? errors : "no error"));
            }
        }
        report("asl_validator_repo (" + ASL_VALIDATOR_EXCEPTIONS.size() + " excepted)", passed, total, failures);
        assertThat(total).as("asl_validator_repo cases").isGreaterThanOrEqualTo(102);
        assertThat(failures).isEmpty();
    }

    private static List<Diagnostic> validateCase(JsonNode testCase) {
        JsonNode definition = testCase.get("definition");
        JsonNode request = testCase.path("request");
        boolean testState = "TestState".equals(testCase.path("api").asString()) || testCase.path("kind").asString()
                .equals("test_state");
        if (testState && !request.has("stateName")) {
            return DefinitionValidator.validateState(withRealResources(definition));
        }
        StateMachineType type = "EXPRESS".equals(request.path("type").asString())
                ? StateMachineType.EXPRESS : StateMachineType.STANDARD;
        if ((definition == null || definition.isNull()) && testCase.has("definition_raw")) {
            return DefinitionValidator.validate(testCase.path("definition_raw").asString(), type);
        }
        return DefinitionValidator.validate(withRealResources(definition), type);
    }

    static List<String> awsLocations(JsonNode expected) {
        List<String> locations = new ArrayList<>();
        for (JsonNode diagnostic : expected.path("diagnostics")) {
            String location = diagnostic.path("location").asString();
            if (location.startsWith("/")) {
                locations.add(location);
            }
        }
        Matcher matcher = AWS_LOCATION.matcher(expected.path("message").asString());
        if (matcher.find()) {
            locations.add(matcher.group(1));
        }
        return locations;
    }

    /**
     * The recorder replaced the ARNs of resources it created with "fixture:..." expressions; AWS saw
     * real ARNs, so they are put back in the shape AWS saw.
     */
    static JsonNode withRealResources(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        replaceFixtures(copy);
        return copy;
    }

    private static void replaceFixtures(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("Resource") && value.isString() && value.stringValue().startsWith("fixture:")) {
                    object.set("Resource", StringNode.valueOf(realArn(value.stringValue())));
                } else {
                    replaceFixtures(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ValidatorCorpusTest::replaceFixtures);
        }
    }

    private static String realArn(String fixture) {
        return fixture.startsWith("fixture:create_activity")
                ? "arn:aws:states:us-east-1:111111111111:activity:recorded-activity"
                : "arn:aws:lambda:us-east-1:111111111111:function:recorded-function";
    }

    private static List<Diagnostic> errors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    private static List<Path> jsonFiles(String folder) throws IOException {
        try (Stream<Path> files = Files.list(corpus.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void report(String category, int passed, int total, List<String> failures) {
        System.out.printf("[corpus] %-55s %4d / %4d pass%n", category, passed, total);
        failures.forEach(f -> System.out.println("[corpus]   FAIL " + f));
    }
}
