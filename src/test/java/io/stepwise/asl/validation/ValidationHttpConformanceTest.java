package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stepwise.asl.Json;
import io.stepwise.conformance.ConformanceCorpus;
import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS-recorded validation cases about state machine definitions (CreateStateMachine and
 * ValidateStateMachineDefinition) through {@code POST /v1/state-machines/validate}: what AWS accepted
 * must answer OK, what it rejected FAIL, with a diagnostic at the location AWS named. TestState's
 * single-state cases are {@link ValidatorCorpusTest}'s: the endpoint validates machines.
 */
class ValidationHttpConformanceTest extends IntegrationTest {

    @Test
    void definitionValidationCasesMatchAwsOverHttp() {
        var corpus = ConformanceCorpus.directory();
        assumeTrue(corpus.isPresent(), ConformanceCorpus.missingMessage());
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (JsonNode testCase : ConformanceCorpus.cases(corpus.get(), "validation")) {
            if (!"definition".equals(testCase.path("validation_subject").asString())
                    || "TestState".equals(testCase.path("api").asString())) {
                continue;
            }
            total++;
            ObjectNode body = Json.NODES.objectNode();
            JsonNode definition = testCase.get("definition");
            if ((definition == null || definition.isNull()) && testCase.has("definition_raw")) {
                body.put("definition", testCase.get("definition_raw").asString());
            } else {
                body.set("definition", ValidatorCorpusTest.withRealResources(definition));
            }
            if ("EXPRESS".equals(testCase.path("request").path("type").asString())) {
                body.put("type", "EXPRESS");
            }
            Response response = api.post("/v1/state-machines/validate", Json.write(body));
            String id = testCase.path("id").asString();
            if (response.status() != 200) {
                failures.add(id + " -> HTTP " + response.status() + " " + response.raw());
                continue;
            }
            boolean accepted = testCase.path("expected").path("accepted").asBoolean();
            String result = response.body().get("result").asString();
            if (accepted != result.equals("OK")) {
                failures.add(id + " -> " + result + ", AWS accepted: " + accepted + " " + response.body()
                        .get("diagnostics"));
                continue;
            }
            for (String location : ValidatorCorpusTest.awsLocations(testCase.path("expected"))) {
                boolean found = false;
                for (JsonNode diagnostic : response.body().get("diagnostics")) {
                    found |= diagnostic.get("severity").asString().equals("ERROR")
                            && diagnostic.get("location").asString().equals(location);
                }
                if (!found) {
                    failures.add(id + " -> AWS reports " + location + ", we report " + response.body()
                            .get("diagnostics"));
                }
            }
        }
        System.out.printf("Validation conformance over HTTP: %d / %d definition cases match AWS%n",
                total - failures.size(), total);
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(total).isEqualTo(116);
        assertThat(failures).isEmpty();
    }
}
