package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * The console's pages over plain HTTP: what they show, and bad requests answered as the API answers them
 * (RFC 9457 problems naming the parameter), the event streams included.
 */
class ConsolePagesTest extends IntegrationTest {

    private static final String UNKNOWN = "0190a3a0-0000-7000-8000-000000000000";

    private String failedPayment() {
        api.put("/v1/state-machines/payments", Asl.putBody(ExecutionViewsTest.PAYMENTS));
        api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \"ok\", \"input\": {\"order\": 1}}");
        TestTaskHandlers.FAIL_ON.add("{\"order\":42}");
        return api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \"bad\", \"input\": "
                + "{\"order\": 42}}").body().get("executionId").asString();
    }

    @Test
    void theExecutionPageShowsTheGraphTheFailureAndAStatesPanel() {
        String id = failedPayment();

        Response page = api.get("/console/executions/" + id + "?state=Charge");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw()).contains("class=\"state status-failed\" href=\"?state=Charge\"",
                "id=\"failure-cause\" class=\"cause\">failed on {&quot;order&quot;:42}", "Prepare → Charge",
                "id=\"panel-title\"", "Flaky.Error");
        assertThat(api.get("/console/executions/" + id + "/states/Prepare").raw())
                .contains("&quot;order&quot; : 42").doesNotContain("<html");
    }

    @Test
    void aLaterPageKeepsTheFiltersInItsLinks() {
        failedPayment(); // two executions: one page of one has a next
        String cursor = api.get("/v1/executions?limit=1").body().path("nextCursor").asString();

        Response page = api.get("/console/executions?status=FAILED&cursor=" + cursor);

        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        assertThat(page.raw()).contains("First page", "status=FAILED");
    }

    @Test
    void theComparisonNamesTheStatesThatDiffer() {
        String id = failedPayment();

        Response page = api.get("/console/executions/" + id + "/compare");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains(">ok</a>", "<tr class=\"differs\">", "≠ differs");
    }

    @Test
    void twoVersionsAreComparedStateByState() {
        api.put("/v1/state-machines/m", Asl.putBody(Asl.of("A", "{\"Type\": \"Pass\", \"Next\": \"B\"}", "B",
                Asl.pass())));
        api.put("/v1/state-machines/m", Asl.putBody(Asl.of("A", "{\"Type\": \"Pass\", \"Result\": 1, \"Next\": \"C\"}",
                "C", Asl.pass())));

        Response page = api.get("/console/state-machines/m?compare=1");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("<strong>A</strong> <span>changed: Result, Next</span>",
                "<strong>C</strong> <span>only in this version</span>",
                "<strong>B</strong> <span>only in the other version</span>");
    }

    @Test
    void aFinishedExecutionsStreamSendsItsStateAndEnds() throws Exception {
        String id = failedPayment();

        var response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/console/executions/" + id + "/stream"))
                        .header("Accept", "text/event-stream").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event:update", "\"status\":\"FAILED\"", "\"name\":\"Charge\",\"css\":"
                + "\"failed\"", "event:end");
    }

    @Test
    void badRequestsAreProblemsNamingTheirParameter() {
        String id = failedPayment();

        assertProblem(api.get("/console/executions?status=NOPE"), 400, "status");
        assertProblem(api.get("/console/executions?cursor=abc"), 400, "cursor");
        assertProblem(api.get("/console/executions/counts?startedAfter=yesterday"), 400, "startedAfter");
        assertProblem(api.get("/console/executions/" + id + "?state=Charge&from=-1"), 400, "from");
        assertProblem(api.get("/console/executions/" + id + "?state=Charge&iterations=some"), 400, "iterations");
        assertProblem(api.get("/console/executions/" + UNKNOWN), 404, null);
        assertProblem(api.get("/console/executions/" + UNKNOWN + "/stream"), 404, null);
        assertProblem(api.get("/console/executions/" + id + "?state=Nowhere"), 404, null);
        assertProblem(api.get("/console/state-machines/none"), 404, null);
        assertProblem(api.get("/console/executions/not-a-uuid"), 400, "id");
    }

    private static void assertProblem(Response response, int status, String parameter) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (parameter != null) {
            assertThat(response.body().get("parameter").asString()).isEqualTo(parameter);
        }
    }
}
