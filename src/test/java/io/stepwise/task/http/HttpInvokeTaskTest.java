package io.stepwise.task.http;

import static io.stepwise.task.http.LocalHttpServer.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.Json;
import io.stepwise.support.MutableClock;
import io.stepwise.task.TaskFailure;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HTTP task against a real local HTTP server: requests, outputs, AWS's errors, each kind of connection. */
class HttpInvokeTaskTest {

    private final LocalHttpServer server;
    private final MutableClock clock = MutableClock.startingNow();
    private final CountDownLatch release = new CountDownLatch(1);

    HttpInvokeTaskTest() throws Exception {
        server = new LocalHttpServer()
                .route("/json", (r, x) -> {
                    x.getResponseHeaders().add("X-Seen", "one");
                    x.getResponseHeaders().add("X-Seen", "two");
                    reply(x, 200, "application/json; charset=utf-8", "{\"id\": 7, \"tags\": [\"a\"]}");
                })
                .route("/text", (r, x) -> reply(x, 201, "text/plain", "created it"))
                .route("/missing", (r, x) -> reply(x, 404, "application/json", "{\"message\": \"no such order\"}"))
                .route("/busy", (r, x) -> reply(x, 503, "text/plain", "try later"))
                .route("/slow", (r, x) -> {
                    release.await(10, TimeUnit.SECONDS);
                    reply(x, 200, "text/plain", "late");
                })
                .route("/echo-auth", (r, x) -> {
                    // a careless API that repeats the credentials it was sent, in a header and in the body
                    String auth = r.header("Authorization") == null ? r.header("x-api-key") : r.header("Authorization");
                    x.getResponseHeaders().add("Authorization", auth);
                    x.getResponseHeaders().add("X-Echo", auth);
                    reply(x, r.path().equals("/echo-auth") && "fail".equals(r.query()) ? 400 : 200, "application/json",
                            "{\"youSent\": \"" + auth + "\"}");
                });
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private HttpInvokeTask handler() {
        return handler(List.of(), Map.of());
    }

    private HttpInvokeTask handler(List<String> allowedHosts, Map<String, HttpConnectionProperties> connections) {
        return HttpTasks.handler(HttpTasks.properties(allowedHosts, connections), clock);
    }

    private String call(String method, String path, String more) {
        return """
                {"ApiEndpoint": "%s", "Method": "%s"%s}""".formatted(server.url(path), method, more.isEmpty() ? "" : ", " + more);
    }

    @Test
    void aJsonAnswerIsParsedAndTheRequestCarriesHeadersQueryAndJsonBody() throws Exception {
        JsonNode output = handler().handle(HttpTasks.request(call("POST", "/json", """
                "Headers": {"X-Order": "o-1", "X-Count": 3},
                "QueryParameters": {"q": "a b", "page": 2},
                "RequestBody": {"item": "book", "qty": 1}""")));

        assertThat(output.get("StatusCode").intValue()).isEqualTo(200);
        assertThat(output.get("StatusText").asString()).isEqualTo("OK");
        assertThat(output.get("ResponseBody")).isEqualTo(Json.parse("{\"id\": 7, \"tags\": [\"a\"]}"));
        assertThat(output.get("Headers").get("x-seen").toString()).isEqualTo("[\"one\",\"two\"]");
        var received = server.received.getFirst();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.query()).isEqualTo("q=a+b&page=2");
        assertThat(received.header("X-Order")).isEqualTo("o-1");
        assertThat(received.header("X-Count")).isEqualTo("3");
        assertThat(received.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(Json.parse(received.body())).isEqualTo(Json.parse("{\"item\": \"book\", \"qty\": 1}"));
    }

    @Test
    void aTextAnswerIsAStringAndAnyTwoHundredSucceeds() throws Exception {
        JsonNode output = handler().handle(HttpTasks.request(call("GET", "/text", "")));

        assertThat(output.get("StatusCode").intValue()).isEqualTo(201);
        assertThat(output.get("StatusText").asString()).isEqualTo("Created");
        assertThat(output.get("ResponseBody").asString()).isEqualTo("created it");
    }

    @Test
    void aUrlEncodedBodyFollowsTheArrayFormat() throws Exception {
        handler().handle(HttpTasks.request(call("POST", "/text", """
                "RequestBody": {"array": ["a", "b"], "name": "x y"},
                "Transform": {"RequestBodyEncoding": "URL_ENCODED", "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}}""")));

        var received = server.received.getFirst();
        assertThat(received.body()).isEqualTo("array%5B%5D=a&array%5B%5D=b&name=x+y");
        assertThat(received.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void aFourHundredFailsWithItsStatusCodeAndTheResponseInTheCause() {
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/missing", ""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Http.StatusCode.404");
                    JsonNode cause = Json.parse(failure.cause());
                    assertThat(cause.get("StatusCode").intValue()).isEqualTo(404);
                    assertThat(cause.get("StatusText").asString()).isEqualTo("Not Found");
                    assertThat(cause.get("ResponseBody").get("message").asString()).isEqualTo("no such order");
                    assertThat(cause.get("Headers").get("content-type").get(0).asString()).isEqualTo("application/json");
                });
    }

    @Test
    void aFiveHundredFailsWithItsStatusCode() {
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("DELETE", "/busy", ""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Http.StatusCode.503");
                    assertThat(Json.parse(failure.cause()).get("ResponseBody").asString()).isEqualTo("try later");
                });
    }

    @Test
    void noAnswerWithinTheStateTimeoutIsStatesTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/slow", ""), Duration.ofMillis(300))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Timeout");
                    assertThat(failure.cause()).contains("within 300 ms");
                });
        // the state's timeout, not the default of 10 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsStatesTimeoutToo() {
        server.route("/trickle", (r, x) -> {
            x.sendResponseHeaders(200, 10);
            x.getResponseBody().write("12345".getBytes());
            x.getResponseBody().flush();
            release.await(10, TimeUnit.SECONDS);
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/trickle", ""), Duration.ofMillis(300))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> assertThat(failure.error()).isEqualTo("States.Timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionIsStatesHttpSocket() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> handler().handle(HttpTasks.request("""
                {"ApiEndpoint": "http://127.0.0.1:%d/x", "Method": "GET"}""".formatted(closedPort))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Http.Socket");
                    assertThat(failure.cause()).contains("127.0.0.1:" + closedPort).contains("refused");
                });
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedWithoutARequest() {
        assertThatThrownBy(() -> handler(List.of("api.example.com", "*.internal.example"), Map.of())
                .handle(HttpTasks.request(call("GET", "/json", ""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Permissions");
                    assertThat(failure.cause()).contains("'127.0.0.1'").contains("stepwise.http.allowed-hosts");
                });
        assertThat(server.received).isEmpty();
    }

    @Test
    void anAllowedHostIsCalled() throws Exception {
        JsonNode output = handler(List.of("127.0.0.1"), Map.of()).handle(HttpTasks.request(call("GET", "/json", "")));
        assertThat(output.get("StatusCode").intValue()).isEqualTo(200);
    }

    @Test
    void aDefinitionMayNotSetAuthorization() {
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/json", """
                "Headers": {"Authorization": "Bearer stolen"}"""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("Stepwise.InvalidInput");
                    assertThat(failure.cause()).contains("Authorization").contains("ConnectionArn");
                });
        assertThat(server.received).isEmpty();
    }

    @Test
    void aHeaderTheClientCannotSendIsInvalidInput() {
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/json", """
                "Headers": {"X-Bad": "line\\r\\nbreak"}"""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("Stepwise.InvalidInput");
                    assertThat(failure.cause()).contains("cannot be sent");
                });
        assertThat(server.received).isEmpty();
    }

    @Test
    void callsBeyondMaxConcurrentRequestsWaitForATurn() throws Exception {
        var properties = new HttpTaskProperties(Duration.ofSeconds(2), Duration.ofSeconds(10),
                org.springframework.util.unit.DataSize.ofKilobytes(64), 1, List.of(), Map.of());
        HttpInvokeTask oneAtATime = HttpTasks.handler(properties, clock);
        var first = Thread.ofVirtual().start(() -> {
            try {
                oneAtATime.handle(HttpTasks.request(call("GET", "/slow", "")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        io.stepwise.support.Eventually.await(Duration.ofSeconds(5), () -> server.count("/slow"), count -> count == 1);
        var second = Thread.ofVirtual().start(() -> {
            try {
                oneAtATime.handle(HttpTasks.request(call("GET", "/text", "")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(second.join(Duration.ofMillis(300))).isFalse(); // waiting for the slow call's turn
        assertThat(server.count("/text")).isZero();
        release.countDown();
        assertThat(first.join(Duration.ofSeconds(5))).isTrue();
        assertThat(second.join(Duration.ofSeconds(5))).isTrue();
        assertThat(server.count("/text")).isEqualTo(1);
    }

    @Test
    void anUnknownConnectionFailsWithItsName() {
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/json", """
                "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/nowhere/6f1b"}"""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Runtime");
                    assertThat(failure.cause()).contains("'nowhere'");
                });
    }

    @Test
    void basicAuthenticationIsSentAndNeverShown() throws Exception {
        var basic = new HttpConnectionProperties(new HttpConnectionProperties.Basic("ann", "s3cret-pw"), null, null);
        JsonNode output = handler(List.of(), Map.of("crm", basic)).handle(HttpTasks.request(call("GET", "/echo-auth", """
                "Authentication": {"ConnectionArn": "crm"}""")));

        assertThat(server.received.getFirst().header("Authorization")).isEqualTo("Basic YW5uOnMzY3JldC1wdw==");
        String shown = Json.write(output);
        assertThat(shown).doesNotContain("YW5uOnMzY3JldC1wdw==").doesNotContain("s3cret-pw").contains(Redaction.MASK);
        assertThat(output.get("Headers").has("authorization")).isFalse();
    }

    @Test
    void anApiKeyIsSentInItsHeaderAndMaskedInACause() {
        var key = new HttpConnectionProperties(null, new HttpConnectionProperties.ApiKey("x-api-key", "k-12345-secret"), null);
        assertThatThrownBy(() -> handler(List.of(), Map.of("stripe", key)).handle(HttpTasks.request(call("GET",
                "/echo-auth?fail", """
                "Authentication": {"ConnectionArn": "arn:aws:events:eu-west-1:123456789012:connection/stripe/81210c42"}"""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.Http.StatusCode.400");
                    assertThat(failure.cause()).doesNotContain("k-12345-secret").contains(Redaction.MASK);
                    assertThat(failure.getMessage()).doesNotContain("k-12345-secret");
                });
        assertThat(server.received.getFirst().header("x-api-key")).isEqualTo("k-12345-secret");
    }

    @Test
    void oauthTokensAreFetchedOnceCachedUntilNearExpiryAndRefreshedOnceOn401() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        server.route("/token", (r, x) -> {
            boolean clientOk = "Basic Y2xpZW50LTE6Y2xpZW50LXNlY3JldA==".equals(r.header("Authorization"))
                    && r.body().equals("grant_type=client_credentials&scope=orders%3Aread");
            reply(x, clientOk ? 200 : 401, "application/json", clientOk
                    ? "{\"access_token\": \"tok-" + issued.incrementAndGet() + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"
                    : "{\"error\": \"invalid_client\"}");
        });
        AtomicInteger revokedBelow = new AtomicInteger();
        server.route("/orders", (r, x) -> {
            String auth = r.header("Authorization");
            int token = auth == null ? 0 : Integer.parseInt(auth.substring("Bearer tok-".length()));
            reply(x, token > revokedBelow.get() ? 200 : 401, "application/json", "{\"token\": " + token + "}");
        });
        var oauth = new HttpConnectionProperties(null, null, new HttpConnectionProperties.OAuth(server.url("/token"),
                "client-1", "client-secret", "orders:read"));
        HttpInvokeTask handler = handler(List.of(), Map.of("orders", oauth));
        String parameters = call("GET", "/orders", "\"Authentication\": {\"ConnectionArn\": \"orders\"}");

        for (int i = 0; i < 3; i++) {
            assertThat(handler.handle(HttpTasks.request(parameters)).get("ResponseBody").get("token").intValue()).isEqualTo(1);
        }
        assertThat(server.count("/token")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(3600 - 29)); // within 30 s of expiry: refreshed before use
        assertThat(handler.handle(HttpTasks.request(parameters)).get("ResponseBody").get("token").intValue()).isEqualTo(2);
        assertThat(server.count("/token")).isEqualTo(2);

        revokedBelow.set(2); // the API stops accepting token 2: one 401, one new token, one retry
        JsonNode output = handler.handle(HttpTasks.request(parameters));
        assertThat(output.get("ResponseBody").get("token").intValue()).isEqualTo(3);
        assertThat(server.count("/token")).isEqualTo(3);
        assertThat(Json.write(output)).doesNotContain("tok-3").doesNotContain("client-secret");
    }

    @Test
    void aTokenEndpointThatRefusesFailsTheConnectionWithoutSecrets() {
        server.route("/token", (r, x) -> reply(x, 401, "application/json", "{\"error\": \"invalid_client\"}"));
        var oauth = new HttpConnectionProperties(null, null, new HttpConnectionProperties.OAuth(server.url("/token"),
                "client-1", "wrong-secret", null));
        assertThatThrownBy(() -> handler(List.of(), Map.of("orders", oauth)).handle(HttpTasks.request(call("GET",
                "/json", "\"Authentication\": {\"ConnectionArn\": \"orders\"}"))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("Events.ConnectionResource.InvalidConnectionState");
                    assertThat(failure.cause()).contains("'orders'").contains("401").doesNotContain("wrong-secret");
                });
        assertThat(server.count("/json")).isZero();
    }

    @Test
    void aLargerBodyThanAllowedIsStatesDataLimitExceeded() {
        server.route("/big", (r, x) -> reply(x, 200, "text/plain", "x".repeat(64 * 1024 + 1)));
        assertThatThrownBy(() -> handler().handle(HttpTasks.request(call("GET", "/big", ""))))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.DataLimitExceeded");
                    assertThat(failure.cause()).contains("65536 bytes");
                });
    }

    @Test
    void theStepsTraceparentIsForwarded() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var request = HttpTasks.request(call("GET", "/text", ""));
        var traced = new io.stepwise.task.TaskRequest(request.resource(), request.input(), request.context(),
                request.idempotencyKey(), request.heartbeat(), request.cancellation(), null, traceparent);
        handler().handle(traced);
        handler().handle(request);
        assertThat(server.received.get(0).header("traceparent")).isEqualTo(traceparent);
        assertThat(server.received.get(1).header("traceparent")).isNull();
    }

    @Test
    void aWaitForTaskTokenResourceIsServedTheSameWay() throws Exception {
        var request = HttpTasks.request(call("GET", "/text", ""));
        var suffixed = new io.stepwise.task.TaskRequest("stepwise:http:invoke.waitForTaskToken", request.input(),
                Json.parse("{\"Task\": {\"Token\": \"t-1\"}}"), request.idempotencyKey(), request.heartbeat(),
                request.cancellation());
        assertThat(handler().handle(suffixed).get("ResponseBody").asString()).isEqualTo("created it");
    }
}
