package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A definition is kept as the text it was given, as AWS keeps it: GET returns it character for
 * character, and payload templates build objects in the definition's key order (which shows in every
 * output). It was stored as jsonb, which reorders keys (shorter first) and drops the layout.
 */
class DefinitionsAsWrittenTest extends IntegrationTest {

    /** Keys in an order jsonb would change ("zeta" before "b"), odd spacing, a non-ASCII name. */
    private static final String DEFINITION = """
            {  "States": {"Größe": {"Type": "Pass",
                 "Parameters": {"zeta": 1, "b": {"yy": true, "x": null}, "alpha.$": "$.in"},
                 "End": true}},
               "StartAt": "Größe",
               "Comment": "written\\u0020so"   }""";

    @Test
    void aDefinitionSentAsAStringComesBackCharacterForCharacter() {
        Response put = api.put("/v1/state-machines/as-written", Json.write(
                Json.NODES.objectNode().put("definition", DEFINITION)));
        assertThat(put.status()).isEqualTo(201);

        Response got = api.get("/v1/state-machines/as-written");
        assertThat(got.body().get("definitionText").asString()).isEqualTo(DEFINITION);
        assertThat(fieldNames(got.body().get("definition"))).containsExactly("States", "StartAt", "Comment");
        // the same text again is the same version; the same JSON in another layout is a new one
        assertThat(api.put("/v1/state-machines/as-written", Json.write(
                Json.NODES.objectNode().put("definition", DEFINITION))).status()).isEqualTo(200);
        assertThat(api.put("/v1/state-machines/as-written", Json.write(
                Json.NODES.objectNode().put("definition", DEFINITION.replace("{  \"States\"", "{\"States\"")))).status())
                .isEqualTo(201);
    }

    @Test
    void aDefinitionSentAsAnObjectKeepsItsKeyOrder() {
        Response put = api.put("/v1/state-machines/as-object", "{\"definition\": " + DEFINITION + "}");
        assertThat(put.status()).isEqualTo(201);

        Response got = api.get("/v1/state-machines/as-object");
        assertThat(got.body().get("definitionText").asString()).isEqualTo(Json.write(Json.parse(DEFINITION)));
        assertThat(fieldNames(got.body().get("definition").get("States").get("Größe").get("Parameters")))
                .containsExactly("zeta", "b", "alpha.$");
    }

    @Test
    void payloadTemplatesBuildObjectsInTheDefinitionsKeyOrder() {
        api.put("/v1/state-machines/ordered", Json.write(Json.NODES.objectNode().put("definition", DEFINITION)));
        Response done = api.post("/v1/executions/sync", """
                {"stateMachine": "ordered", "input": {"in": 7}, "timeoutSeconds": 30}""");
        assertThat(done.status()).isEqualTo(200);
        // the raw response text: key order is part of the result, as on AWS
        assertThat(done.raw()).contains("\"output\":{\"zeta\":1,\"b\":{\"yy\":true,\"x\":null},\"alpha\":7}");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
