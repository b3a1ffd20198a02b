package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineApiTest extends IntegrationTest {

    static final String PASS_MACHINE = Asl.single("P", Asl.pass());
    static final String PASS = Asl.putBody(PASS_MACHINE, "d");
    static final String WAIT_A_MINUTE = Asl.putBody(Asl.single("W", """
            {"Type": "Wait", "Seconds": 60, "End": true}"""));

    @Test
    void putCreatesVersionsAndGetReadsThemWithTheirDefinition() {
        Response first = api.put("/v1/state-machines/orders", PASS);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.location()).isEqualTo("/v1/state-machines/orders/versions/1");
        assertThat(first.body().get("createdAt").asString()).endsWith("Z");
        Response second = api.put("/v1/state-machines/orders", """
                {"definition": "{\\"StartAt\\": \\"S\\", \\"States\\": {\\"S\\": {\\"Type\\": \\"Succeed\\"}}}"}""");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().get("version").asInt()).isEqualTo(2);

        Response latest = api.get("/v1/state-machines/orders");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("definition").get("StartAt").asString()).isEqualTo("S");

        Response v1 = api.get("/v1/state-machines/orders/versions/1");
        assertThat(v1.body().get("definition").get("StartAt").asString()).isEqualTo("P");
        assertThat(v1.body().get("description").asString()).isEqualTo("d");
        assertThat(api.get("/v1/state-machines/orders/versions/3").status()).isEqualTo(404);
        assertThat(api.get("/v1/state-machines/nope").status()).isEqualTo(404);
    }

    @Test
    void listingPagesThroughEveryMachineOnceInNameOrder() {
        for (int i = 0; i < 7; i++) {
            api.put("/v1/state-machines/m" + i, PASS);
        }
        api.put("/v1/state-machines/m3", WAIT_A_MINUTE);
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/v1/state-machines?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.body().get("items").forEach(item -> {
                names.add(item.get("name").asString());
                if (item.get("name").asString().equals("m3")) {
                    assertThat(item.get("latestVersion").asInt()).isEqualTo(2);
                }
            });
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(names).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void deleteRefusesWhileAnExecutionRunsAndThenLeavesExecutionsReadable() {
        api.put("/v1/state-machines/slow", WAIT_A_MINUTE);
        Response start = api.post("/v1/executions", """
                {"stateMachine": "slow"}""");
        String id = start.body().get("executionId").asString();

        Response refused = send("DELETE", "/v1/state-machines/slow");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:stepwise:problem:state-machine-in-use");
        assertThat(refused.body().get("detail").asString()).contains("1 execution");

        assertThat(api.post("/v1/executions/" + id + "/stop", "{}").status()).isEqualTo(200);
        assertThat(send("DELETE", "/v1/state-machines/slow").status()).isEqualTo(204);
        assertThat(api.get("/v1/state-machines/slow").status()).isEqualTo(404);
        assertThat(api.get("/v1/executions/" + id).body().get("status").asString()).isEqualTo("ABORTED");
        assertThat(send("DELETE", "/v1/state-machines/slow").status()).isEqualTo(404);

        // a new definition under the name does not reuse the version its old execution ran on
        Response again = api.put("/v1/state-machines/slow", PASS);
        assertThat(again.body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void validateAnswersOkOrFailWithDiagnosticsWithoutStoring() {
        Response ok = api.post("/v1/state-machines/validate", Asl.putBody(PASS_MACHINE));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("result").asString()).isEqualTo("OK");
        assertThat(ok.body().get("diagnostics").size()).isZero();

        Response fail = api.post("/v1/state-machines/validate", Asl.putBody(Asl.single("A", """
                {"Type": "Teleport"}""")));
        assertThat(fail.status()).isEqualTo(200);
        assertThat(fail.body().get("result").asString()).isEqualTo("FAIL");
        var diagnostic = fail.body().get("diagnostics").get(0);
        assertThat(diagnostic.get("severity").asString()).isEqualTo("ERROR");
        assertThat(diagnostic.get("code").asString()).isNotBlank();
        assertThat(diagnostic.get("location").asString()).isEqualTo("/States/A/Type");

        Response badJson = api.post("/v1/state-machines/validate", """
                {"definition": "{\\"StartAt\\": "}""");
        assertThat(badJson.status()).isEqualTo(200);
        assertThat(badJson.body().get("result").asString()).isEqualTo("FAIL");
        assertThat(badJson.body().get("diagnostics").get(0).get("code").asString()).isNotBlank();

        assertThat(api.get("/v1/state-machines").body().get("items").size()).isZero();
    }

    @Test
    void anInvalidDefinitionIsRefusedWithEveryDiagnostic() {
        Response response = api.put("/v1/state-machines/bad", Asl.putBody(Asl.single("A", """
                {"Type": "Pass", "Next": "Nowhere"}""")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("type").asString()).isEqualTo("urn:stepwise:problem:invalid-definition");
        assertThat(response.body().get("pointer").asString()).startsWith("/definition/States/A");
        assertThat(response.body().get("diagnostics").get(0).get("location").asString()).startsWith("/States/A");
    }

    private Response send(String method, String path) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
