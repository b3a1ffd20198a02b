package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests a client can get wrong, each answered with a 4xx problem: the right status, a stable type,
 * a detail, the pointer (body field) or parameter (query/path) that is wrong, and nothing internal.
 */
class MalformedRequestTest extends IntegrationTest {

    private static final String JSON = "application/json";
    private static final String MISSING_ID = "0190a3a0-0000-7000-8000-000000000000";
    private static final String BIG = "x".repeat(300 * 1024);

    /**
     * @param where the expected pointer ("/..."), parameter name ("?name"), or null when none applies
     */
    record Case(String name, String method, String path, String contentType, String body, int status, String type,
            String where) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // body syntax and shape
                new Case("truncated JSON", "POST", "/v1/executions", JSON, "{\"stateMachine\": ", 400, "malformed-request", null),
                new Case("not JSON at all", "POST", "/v1/executions", JSON, "stateMachine=m", 400, "malformed-request", null),
                new Case("empty body", "POST", "/v1/executions", JSON, "", 400, "malformed-request", null),
                new Case("array body", "POST", "/v1/executions", JSON, "[]", 400, "malformed-request", null),
                new Case("string body", "POST", "/v1/executions", JSON, "\"m\"", 400, "malformed-request", null),
                new Case("trailing garbage", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\"} x", 400, "malformed-request", null),
                new Case("unknown field on start", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"colour\": 1}", 400, "malformed-request", "/colour"),
                new Case("unknown field on put", "PUT", "/v1/state-machines/m", JSON, "{\"definition\": {}, \"Definition\": {}}", 400, "malformed-request", "/Definition"),
                new Case("unknown nested field in mock", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"mock\": {\"reslt\": 1}}", 400, "malformed-request", "/mock/reslt"),
                new Case("unknown field in stateConfiguration", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"stateConfiguration\": {\"retries\": 1}}", 400, "malformed-request", "/stateConfiguration/retries"),
                new Case("timeoutSeconds on an async start", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"timeoutSeconds\": 5}", 400, "malformed-request", "/timeoutSeconds"),
                // wrong types
                new Case("version is text", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"version\": \"one\"}", 400, "malformed-request", "/version"),
                new Case("version is fractional", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"version\": 1.5}", 400, "malformed-request", "/version"),
                new Case("stateMachine is an object", "POST", "/v1/executions", JSON, "{\"stateMachine\": {}}", 400, "malformed-request", "/stateMachine"),
                new Case("name is an array", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"name\": []}", 400, "malformed-request", "/name"),
                new Case("timeoutSeconds is text", "POST", "/v1/executions/sync", JSON, "{\"stateMachine\": \"m\", \"timeoutSeconds\": \"soon\"}", 400, "malformed-request", "/timeoutSeconds"),
                new Case("inspectionLevel unknown", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"inspectionLevel\": \"LOUD\"}", 400, "malformed-request", "/inspectionLevel"),
                new Case("validate type unknown", "POST", "/v1/state-machines/validate", JSON, "{\"definition\": {}, \"type\": \"FAST\"}", 400, "malformed-request", "/type"),
                new Case("retrierRetryCount is text", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"stateConfiguration\": {\"retrierRetryCount\": \"x\"}}", 400, "malformed-request", "/stateConfiguration/retrierRetryCount"),
                // missing or invalid values
                new Case("stateMachine missing", "POST", "/v1/executions", JSON, "{}", 400, "invalid-request", "/stateMachine"),
                new Case("stateMachine blank", "POST", "/v1/executions", JSON, "{\"stateMachine\": \" \"}", 400, "invalid-request", "/stateMachine"),
                new Case("version zero", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"version\": 0}", 400, "invalid-request", "/version"),
                new Case("name too long", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"name\": \"" + "n".repeat(81) + "\"}", 400, "invalid-request", "/name"),
                new Case("name empty", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"name\": \"\"}", 400, "invalid-request", "/name"),
                new Case("input string is not JSON", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"input\": \"{oops\"}", 400, "invalid-request", "/input"),
                new Case("sync timeout zero", "POST", "/v1/executions/sync", JSON, "{\"stateMachine\": \"m\", \"timeoutSeconds\": 0}", 400, "invalid-request", "/timeoutSeconds"),
                new Case("sync timeout over 300", "POST", "/v1/executions/sync", JSON, "{\"stateMachine\": \"m\", \"timeoutSeconds\": 301}", 400, "invalid-request", "/timeoutSeconds"),
                new Case("definition missing", "PUT", "/v1/state-machines/m", JSON, "{\"description\": \"d\"}", 400, "invalid-request", "/definition"),
                new Case("definition is a number", "PUT", "/v1/state-machines/m", JSON, "{\"definition\": 5}", 400, "invalid-request", "/definition"),
                new Case("definition string is not JSON", "PUT", "/v1/state-machines/m", JSON, "{\"definition\": \"{\"}", 400, "invalid-request", "/definition"),
                new Case("definition is not ASL", "PUT", "/v1/state-machines/m", JSON, "{\"definition\": {\"StartAt\": \"A\", \"States\": {}}}", 400, "invalid-definition", "/definition/States"),
                new Case("description too long", "PUT", "/v1/state-machines/m", JSON, "{\"definition\": {}, \"description\": \"" + "d".repeat(257) + "\"}", 400, "invalid-request", "/description"),
                new Case("validate without definition", "POST", "/v1/state-machines/validate", JSON, "{}", 400, "invalid-request", "/definition"),
                new Case("stop error too long", "POST", "/v1/executions/" + MISSING_ID + "/stop", JSON, "{\"error\": \"" + "e".repeat(257) + "\"}", 400, "invalid-request", "/error"),
                new Case("test-state without definition", "POST", "/v1/test-state", JSON, "{\"input\": {}}", 400, "invalid-request", "/definition"),
                new Case("test-state mock with both", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Task\", \"Resource\": \"stepwise:echo\", \"End\": true}, \"mock\": {\"result\": 1, \"errorOutput\": {\"error\": \"E\"}}}", 400, "invalid-request", "/mock"),
                new Case("test-state errorOutput without error", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Task\", \"Resource\": \"stepwise:echo\", \"End\": true}, \"mock\": {\"errorOutput\": {\"cause\": \"c\"}}}", 400, "invalid-request", "/mock/errorOutput/error"),
                new Case("test-state negative retry count", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Task\", \"Resource\": \"stepwise:echo\", \"End\": true}, \"mock\": {\"result\": 1}, \"stateConfiguration\": {\"retrierRetryCount\": -1}}", 400, "invalid-request", "/stateConfiguration/retrierRetryCount"),
                new Case("test-state input string not JSON", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"input\": \"{\"}", 400, "invalid-request", "/input"),
                new Case("test-state variables not an object", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"variables\": [1]}", 400, "invalid-request", "/variables"),
                new Case("test-state mock on a Pass", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"mock\": {\"result\": 1}}", 400, "invalid-request", "/mock"),
                // sizes
                new Case("input over 256 KiB", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"input\": {\"x\": \"" + BIG + "\"}}", 413, "payload-too-large", "/input"),
                new Case("input string over 256 KiB", "POST", "/v1/executions/sync", JSON, "{\"stateMachine\": \"m\", \"input\": \"\\\"" + BIG + "\\\"\"}", 413, "payload-too-large", "/input"),
                new Case("test-state input over 256 KiB", "POST", "/v1/test-state", JSON, "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"input\": {\"x\": \"" + BIG + "\"}}", 413, "payload-too-large", "/input"),
                new Case("definition over 1 MiB", "PUT", "/v1/state-machines/m", JSON, "{\"definition\": {\"Comment\": \"" + "c".repeat(1100 * 1024) + "\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}}", 413, "payload-too-large", "/definition"),
                new Case("request over the whole-request limit", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"input\": \"" + "y".repeat(3 * 1024 * 1024) + "\"}", 413, "payload-too-large", null),
                // path and query parameters
                new Case("execution id not a UUID", "GET", "/v1/executions/42", null, null, 400, "invalid-parameter", "?id"),
                new Case("history id not a UUID", "GET", "/v1/executions/abc/history", null, null, 400, "invalid-parameter", "?id"),
                new Case("version not a number", "GET", "/v1/state-machines/m/versions/latest", null, null, 400, "invalid-parameter", "?version"),
                new Case("limit zero", "GET", "/v1/executions?limit=0", null, null, 400, "invalid-parameter", "?limit"),
                new Case("limit over 100", "GET", "/v1/state-machines?limit=101", null, null, 400, "invalid-parameter", "?limit"),
                new Case("limit not a number", "GET", "/v1/executions?limit=ten", null, null, 400, "invalid-parameter", "?limit"),
                new Case("history limit over 1000", "GET", "/v1/executions/" + MISSING_ID + "/history?limit=1001", null, null, 400, "invalid-parameter", "?limit"),
                new Case("cursor garbage", "GET", "/v1/executions?cursor=!!!", null, null, 400, "invalid-parameter", "?cursor"),
                new Case("cursor of another listing", "GET", "/v1/executions?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("sm\nm".getBytes()), null, null, 400, "invalid-parameter", "?cursor"),
                new Case("state machine cursor garbage", "GET", "/v1/state-machines?cursor=bm9wZQ", null, null, 400, "invalid-parameter", "?cursor"),
                new Case("history cursor garbage", "GET", "/v1/executions/" + MISSING_ID + "/history?cursor=abc", null, null, 400, "invalid-parameter", "?cursor"),
                new Case("reverse not a boolean", "GET", "/v1/executions/" + MISSING_ID + "/history?reverse=maybe", null, null, 400, "invalid-parameter", "?reverse"),
                new Case("status unknown", "GET", "/v1/executions?status=DONE", null, null, 400, "invalid-parameter", "?status"),
                new Case("startedAfter not a date", "GET", "/v1/executions?startedAfter=yesterday", null, null, 400, "invalid-parameter", "?startedAfter"),
                new Case("startedBefore without offset", "GET", "/v1/executions?startedBefore=2025-01-01T00:00:00", null, null, 400, "invalid-parameter", "?startedBefore"),
                new Case("state machine name with a space", "PUT", "/v1/state-machines/my%20machine", JSON, "{\"definition\": {}}", 400, "invalid-parameter", "?name"),
                // unknown things
                new Case("unknown state machine on start", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"nope\"}", 404, "not-found", null),
                new Case("unknown version on start", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"version\": 9}", 404, "not-found", null),
                new Case("unknown execution", "GET", "/v1/executions/" + MISSING_ID, null, null, 404, "not-found", null),
                new Case("unknown execution stop", "POST", "/v1/executions/" + MISSING_ID + "/stop", JSON, "{}", 404, "not-found", null),
                new Case("unknown path", "GET", "/v1/nothing-here", null, null, 404, "not-found", null),
                new Case("unknown state machine delete", "DELETE", "/v1/state-machines/nope", null, null, 404, "not-found", null),
                // protocol
                new Case("text/plain body", "POST", "/v1/executions", "text/plain", "{\"stateMachine\": \"m\"}", 415, "unsupported-media-type", null),
                new Case("form body", "PUT", "/v1/state-machines/m", "application/x-www-form-urlencoded", "definition=x", 415, "unsupported-media-type", null),
                new Case("no content type", "POST", "/v1/test-state", null, "{\"definition\": {}}", 415, "unsupported-media-type", null),
                new Case("DELETE an execution", "DELETE", "/v1/executions/" + MISSING_ID, null, null, 405, "method-not-allowed", null),
                new Case("PUT the execution list", "PUT", "/v1/executions", JSON, "{}", 405, "method-not-allowed", null),
                new Case("GET test-state", "GET", "/v1/test-state", null, null, 405, "method-not-allowed", null),
                new Case("POST a state machine", "POST", "/v1/state-machines/m", JSON, "{}", 405, "method-not-allowed", null),
                // conflicts
                new Case("same name, other input", "POST", "/v1/executions", JSON, "{\"stateMachine\": \"m\", \"name\": \"taken\", \"input\": {\"n\": 2}}", 409, "execution-exists", "/name"));
    }

    @BeforeEach
    void aStateMachineAndANamedExecution() {
        api.put("/v1/state-machines/m", Asl.putBody(Asl.single("P", Asl.pass())));
        api.post("/v1/executions", """
                {"stateMachine": "m", "name": "taken", "input": {"n": 1}}""");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAProblem(Case c) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + c.path()))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        Response response = api.send(request);
        assertThat(response.status()).as(response.raw()).isEqualTo(c.status());
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).as(response.raw())
                .isEqualTo("urn:stepwise:problem:" + c.type());
        assertThat(response.body().get("status").asInt()).isEqualTo(c.status());
        assertThat(response.body().get("title").asString()).isNotBlank();
        assertThat(response.body().get("detail").asString()).isNotBlank();
        if (c.where() != null && c.where().startsWith("/")) {
            assertThat(response.body().get("pointer").asString()).as(response.raw()).isEqualTo(c.where());
        } else if (c.where() != null) {
            assertThat(response.body().get("parameter").asString()).as(response.raw()).isEqualTo(c.where().substring(1));
        }
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("tools.jackson")
                .doesNotContain("java.");
    }
}
