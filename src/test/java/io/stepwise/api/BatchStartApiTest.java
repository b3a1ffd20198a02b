package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /v1/executions/batch}: many starts in one request, each answered in order. */
class BatchStartApiTest extends IntegrationTest {

    @Test
    void eachStartIsAnsweredInOrderAndOnlyItsOwnFaultFailsIt() {
        api.put("/v1/state-machines/batched", Asl.putBody(Asl.single("P", Asl.pass())));
        api.post("/v1/executions", "{\"stateMachine\": \"batched\", \"name\": \"taken\", \"input\": {\"a\": 1}}");

        Response response = api.post("/v1/executions/batch", """
                {"executions": [
                  {"stateMachine": "batched", "name": "fresh", "input": {"n": 1}},
                  {"stateMachine": "missing"},
                  {"stateMachine": "batched", "name": "taken", "input": {"a": 2}},
                  {"stateMachine": "batched", "name": "taken", "input": {"a": 1}},
                  {"stateMachine": "batched"}]}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.body().get("items");
        assertThat(items).hasSize(5);
        assertThat(items.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(items.get(0).get("execution").get("name").asString()).isEqualTo("fresh");
        assertThat(items.get(1).get("status").asInt()).isEqualTo(404);
        assertThat(items.get(1).get("problem").get("type").asString()).isEqualTo("urn:stepwise:problem:not-found");
        assertThat(items.get(1).get("problem").get("pointer").asString()).isEqualTo("/executions/1/stateMachine");
        assertThat(items.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(items.get(2).get("problem").get("pointer").asString()).isEqualTo("/executions/2/name");
        assertThat(items.get(3).get("status").asInt()).as("the same named start again").isEqualTo(200);
        assertThat(items.get(4).get("status").asInt()).isEqualTo(201);
        assertThat(items.get(4).has("problem")).isFalse();
        assertThat(api.get("/v1/executions?stateMachine=batched&limit=100").body().get("items")).hasSize(3);
    }

    @Test
    void aMalformedItemRejectsTheWholeBatchPointingAtItsField() {
        api.put("/v1/state-machines/batched", Asl.putBody(Asl.single("P", Asl.pass())));

        Response response = api.post("/v1/executions/batch", """
                {"executions": [{"stateMachine": "batched"}, {"name": "no machine"}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("pointer").asString()).isEqualTo("/executions/1/stateMachine");
        assertThat(api.get("/v1/executions?stateMachine=batched").body().get("items")).isEmpty();
    }

    @Test
    void aThousandStartsAreTakenAndOneMoreIsNot() {
        api.put("/v1/state-machines/batched", Asl.putBody(Asl.single("P", Asl.pass())));
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode starts = body.putArray("executions");
        for (int i = 0; i < 1000; i++) {
            starts.addObject().put("stateMachine", "batched").putObject("input").put("i", i);
        }
        Response thousand = api.post("/v1/executions/batch", Json.write(body));
        assertThat(thousand.status()).isEqualTo(200);
        assertThat(thousand.body().get("items")).hasSize(1000)
                .allSatisfy(item -> assertThat(item.get("status").asInt()).isEqualTo(201));

        starts.addObject().put("stateMachine", "batched");
        Response tooMany = api.post("/v1/executions/batch", Json.write(body));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("pointer").asString()).isEqualTo("/executions");
    }
}
