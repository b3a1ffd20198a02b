package io.stepwise.task.http;

import static io.stepwise.task.http.LocalHttpServer.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** HTTP tasks run by the durable engine, seen through the REST API: history, Retry, Catch, secrets. */
class HttpTaskEndToEndTest extends IntegrationTest {

    private static final String CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/it-api-key/0b5f";

    private LocalHttpServer server;
    private final AtomicInteger flaky = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = new LocalHttpServer()
                .route("/echo-key", (r, x) -> {
                    // an API that repeats the key it was sent, in a header and in the body
                    x.getResponseHeaders().add("X-Echo", r.header("x-api-key"));
                    reply(x, "fail".equals(r.query()) ? 400 : 200, "application/json",
                            "{\"youSent\": \"" + r.header("x-api-key") + "\"}");
                })
                .route("/flaky", (r, x) -> {
                    boolean up = flaky.incrementAndGet() > 2;
                    reply(x, up ? 200 : 503, "application/json", up ? "{\"ok\": true}" : "{\"retry\": \"later\"}");
                });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Response run(String machine, String definition) {
        assertThat(api.put("/v1/state-machines/" + machine, Asl.putBody(definition)).status()).isIn(200, 201);
        Response done = api.post("/v1/executions/sync", """
                {"stateMachine": "%s", "input": {"orderId": "o-7"}, "timeoutSeconds": 60}""".formatted(machine));
        assertThat(done.status()).isEqualTo(200);
        return done;
    }

    private String history(Response execution) {
        Response history = api.get("/v1/executions/" + execution.body().get("executionId").asString() + "/history");
        assertThat(history.status()).isEqualTo(200);
        return history.raw();
    }

    @Test
    void theConnectionsKeyIsSentButAppearsNowhereInTheExecution() {
        Response done = run("http-key", Asl.task("arn:aws:states:::http:invoke", """
                {"Parameters": {"ApiEndpoint": "%s", "Method": "GET",
                                "Authentication": {"ConnectionArn": "%s"}}}""".formatted(server.url("/echo-key"), CONNECTION)));

        assertThat(done.body().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(server.received.getFirst().header("x-api-key")).isEqualTo(IT_API_KEY);
        JsonNode output = done.body().get("output");
        assertThat(output.get("StatusCode").intValue()).isEqualTo(200);
        assertThat(output.get("ResponseBody").get("youSent").asString()).isEqualTo(Redaction.MASK);
        assertThat(done.raw()).doesNotContain(IT_API_KEY);
        String history = history(done);
        assertThat(history).contains("TaskSucceeded").doesNotContain(IT_API_KEY);
    }

    @Test
    void aFailedCallsCauseIsMaskedInTheExecutionAndItsHistory() {
        Response done = run("http-key-fails", Asl.task("stepwise:http:invoke", """
                {"Parameters": {"ApiEndpoint": "%s", "Method": "GET",
                                "Authentication": {"ConnectionArn": "it-api-key"}}}""".formatted(server.url("/echo-key?fail"))));

        assertThat(done.body().get("status").asString()).isEqualTo("FAILED");
        assertThat(done.body().get("error").asString()).isEqualTo("States.Http.StatusCode.400");
        JsonNode cause = Json.parse(done.body().get("cause").asString());
        assertThat(cause.get("ResponseBody").get("youSent").asString()).isEqualTo(Redaction.MASK);
        assertThat(done.raw()).doesNotContain(IT_API_KEY);
        assertThat(history(done)).contains("States.Http.StatusCode.400").doesNotContain(IT_API_KEY);
    }

    @Test
    void retryOnA503CallsAgainUntilTheApiAnswers() {
        Response done = run("http-retry", Asl.task("arn:aws:states:::http:invoke", """
                {"Parameters": {"ApiEndpoint": "%s", "Method": "POST", "RequestBody": {"order.$": "$.orderId"}},
                 "Retry": [{"ErrorEquals": ["States.Http.StatusCode.503"], "IntervalSeconds": 1, "MaxAttempts": 3,
                            "BackoffRate": 1}],
                 "ResultSelector": {"ok.$": "$.ResponseBody.ok"}}""".formatted(server.url("/flaky"))));

        assertThat(done.body().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.body().get("output")).isEqualTo(Json.parse("{\"ok\": true}"));
        assertThat(server.count("/flaky")).isEqualTo(3);
        assertThat(Json.parse(server.received.getLast().body())).isEqualTo(Json.parse("{\"order\": \"o-7\"}"));
        String history = history(done);
        assertThat(history.split("States\\.Http\\.StatusCode\\.503", -1)).hasSize(3); // two failed attempts
    }

    @Test
    void catchReceivesTheStatusCodeAndTheResponse() {
        Response done = run("http-catch", Asl.of("Call", """
                {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                 "Parameters": {"ApiEndpoint": "%s", "Method": "GET"},
                 "Catch": [{"ErrorEquals": ["States.Http.StatusCode.404"], "ResultPath": "$.failure", "Next": "Handled"}],
                 "End": true}""".formatted(server.url("/nothing-here")), "Handled", """
                {"Type": "Pass", "Parameters": {"error.$": "$.failure.Error",
                                                "response.$": "States.StringToJson($.failure.Cause)"}, "End": true}"""));

        assertThat(done.body().get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode output = done.body().get("output");
        assertThat(output.get("error").asString()).isEqualTo("States.Http.StatusCode.404");
        assertThat(output.get("response").get("StatusCode").intValue()).isEqualTo(404);
        assertThat(output.get("response").get("StatusText").asString()).isEqualTo("Not Found");
    }
}
