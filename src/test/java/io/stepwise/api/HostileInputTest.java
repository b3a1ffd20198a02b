package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile requests the API fuzz found answered with 500s or non-problems, pinned one by one, over a
 * raw socket where HttpClient would refuse to send them: undecodable query strings and paths, what
 * Tomcat refuses before any servlet, wildcard Content-Types, /error, JSON nested past Jackson's limit.
 */
class HostileInputTest extends IntegrationTest {

    private static final String JSON = "application/json";

    /**
     * @param detail a piece of the expected detail
     * @param where  the expected pointer ("/…") or parameter name, or null
     */
    record Case(String name, String method, String target, List<String[]> headers, String body, int status,
            String type, String detail, String where) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String[]> json() {
        return List.<String[]>of(new String[] {"Content-Type", JSON});
    }

    static Stream<Case> cases() {
        String deepArray = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        return Stream.of(
                // query strings Tomcat cannot decode (were 500s)
                new Case("cursor with a broken escape", "GET", "/v1/executions?cursor=%%%garbage", List.of(), null,
                        400, "malformed-request", "'%%%'", "cursor"),
                new Case("status not UTF-8", "GET", "/v1/executions?status=%ff", List.of(), null, 400,
                        "malformed-request", "UTF-8", "status"),
                new Case("history limit with a lone %", "GET", "/v1/executions/0190a3a0-0000-7000-8000-000000000000"
                        + "/history?limit=1%", List.of(), null, 400, "malformed-request", "'%'", "limit"),
                new Case("parameter without a name", "GET", "/v1/state-machines?=x", List.of(), null, 400,
                        "malformed-request", "without a name", null),
                new Case("broken escape in a parameter name", "GET", "/v1/state-machines?li%zzmit=1", List.of(), null,
                        400, "malformed-request", "'%zz'", null),
                new Case("broken escape in a parameter nobody asked for", "GET", "/v1/state-machines?x=%g0",
                        List.of(), null, 400, "malformed-request", "'%g0'", "x"),
                // paths Tomcat refuses before any servlet (were HTML pages)
                new Case("execution id with a broken escape", "GET", "/v1/executions/%zz", List.of(), null, 400,
                        "invalid-request", "percent-encoding", null),
                new Case("state machine name a lone %", "GET", "/v1/state-machines/%", List.of(), null, 400,
                        "invalid-request", "percent-encoding", null),
                new Case("encoded slash", "GET", "/v1/state-machines/a%2Fb", List.of(), null, 400,
                        "invalid-request", "percent-encoding", null),
                new Case("raw backslash in the path", "GET", "/v1/executions/a\\b", List.of(), null, 400,
                        "invalid-request", "request target", null),
                new Case("64 KiB header", "GET", "/v1/state-machines", List.<String[]>of(new String[] {"X-Big",
                        "h".repeat(64 * 1024)}), null, 400, "invalid-request", "headers", null),
                new Case("TRACE", "TRACE", "/v1/executions", List.of(), null, 405, "method-not-allowed",
                        "not supported", null),
                // Spring MVC and Spring Boot edges (were 500s or not problems)
                new Case("wildcard Content-Type", "POST", "/v1/executions", List.<String[]>of(new String[] {
                        "Content-Type", "*/*"}), "{\"stateMachine\": \"m\"}", 415, "unsupported-media-type", "wildcard",
                        null),
                new Case("wildcard subtype", "PUT", "/v1/state-machines/m", List.<String[]>of(new String[] {
                        "Content-Type", "application/*"}), "{}", 415, "unsupported-media-type", "wildcard", null),
                new Case("path starting with //", "GET", "//v1/nothing", List.<String[]>of(new String[] {"Accept",
                        "*/*;q=abc"}), null, 404, "not-found", "No endpoint", null),
                new Case("form body with a broken escape", "PATCH", "/v3/api-docs/swagger-config", List.<String[]>of(
                        new String[] {"Content-Type", "application/x-www-form-urlencoded"}), "a=%zz", 405,
                        "method-not-allowed", "PATCH", null),
                new Case("form PUT with a broken escape", "PUT", "/v1/state-machines/m", List.<String[]>of(
                        new String[] {"Content-Type", "application/x-www-form-urlencoded"}), "definition=%", 415,
                        "unsupported-media-type", "application/json", null),
                new Case("GET /error", "GET", "/error", List.of(), null, 404, "not-found", "No endpoint", null),
                new Case("PUT /error", "PUT", "/error", json(), "{}", 404, "not-found", "No endpoint", null),
                new Case("blank execution id", "GET", "/v1/executions/%20/failure", List.of(), null, 400,
                        "invalid-parameter", "UUID", "id"),
                new Case("404 to a client that accepts only PNG", "GET", "/v1/executions/"
                        + "0190a3a0-0000-7000-8000-000000000000", List.<String[]>of(new String[] {"Accept",
                                "image/png"}), null, 404, "not-found", "execution", null),
                new Case("405 with an unparseable Accept", "PATCH", "/v1/executions", List.<String[]>of(
                        new String[] {"Accept", "*/*;q=abc"}), null, 405, "method-not-allowed", "PATCH", null),
                // JSON past Jackson's limits (nesting depth 500, numbers of 1,000 digits)
                new Case("body 10,000 arrays deep", "POST", "/v1/executions", json(), deepArray, 400,
                        "malformed-request", "must be a JSON object", null),
                new Case("input 10,000 arrays deep", "POST", "/v1/executions", json(), "{\"stateMachine\": \"m\", "
                        + "\"input\": " + deepArray + "}", 400, "malformed-request", "nest arrays and objects less deeply",
                        null),
                new Case("definition 10,000 objects deep", "PUT", "/v1/state-machines/m", json(),
                        "{\"definition\": " + deepObject + "}", 400, "malformed-request", "nesting depth", null),
                new Case("definition string 10,000 deep", "PUT", "/v1/state-machines/m", json(),
                        "{\"definition\": " + Json.write(Json.NODES.stringNode(deepObject)) + "}", 400,
                        "invalid-request", "nesting depth", null),
                new Case("input string 10,000 deep", "POST", "/v1/executions", json(),
                        "{\"stateMachine\": \"m\", \"input\": " + Json.write(Json.NODES.stringNode(deepArray)) + "}",
                        400, "invalid-request", "nesting depth", null),
                new Case("test-state definition 10,000 deep", "POST", "/v1/test-state", json(),
                        "{\"definition\": {\"Type\": \"Pass\", \"Result\": " + deepObject + ", \"End\": true}}", 400,
                        "malformed-request", "nesting depth", null),
                // a key twice in one object: refused, pointing at the second
                new Case("two states of one name", "PUT", "/v1/state-machines/m", json(), "{\"definition\": "
                        + "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}, "
                        + "\"P\": {\"Type\": \"Fail\"}}}}", 400, "malformed-request", "key twice",
                        "/definition/States/P"),
                new Case("two states of one name in a string definition", "PUT", "/v1/state-machines/m", json(),
                        "{\"definition\": " + Json.write(Json.NODES.stringNode("{\"StartAt\": \"P\", \"StartAt\": "
                                + "\"Q\", \"States\": {}}")) + "}", 400, "invalid-request", "key twice",
                        "/definition/StartAt"),
                new Case("a field twice", "POST", "/v1/executions", json(), "{\"stateMachine\": \"m\", "
                        + "\"stateMachine\": \"n\"}", 400, "malformed-request", "key twice", "/stateMachine"),
                new Case("an input key twice", "POST", "/v1/executions", json(), "{\"stateMachine\": \"m\", "
                        + "\"input\": {\"a\": [{\"b\": 1, \"b\": 2}]}}", 400, "malformed-request", "key twice",
                        "/input/a/0/b"));
    }

    @BeforeEach
    void aStateMachine() {
        api.put("/v1/state-machines/m", """
                {"definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}""");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAProblem(Case c) {
        var answer = RawHttp.send(port, c.method(), c.target(), withCredentials(c.headers()),
                c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8), 30_000);
        assertThat(answer.status()).as(answer.text()).isEqualTo(c.status());
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
        JsonNode problem = Json.parse(answer.text());
        assertThat(problem.get("type").asString()).as(answer.text()).isEqualTo("urn:stepwise:problem:" + c.type());
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).as(answer.text()).contains(c.detail());
        if (c.where() != null && c.where().startsWith("/")) {
            assertThat(problem.get("pointer").asString()).as(answer.text()).isEqualTo(c.where());
        } else if (c.where() != null) {
            assertThat(problem.get("parameter").asString()).as(answer.text()).isEqualTo(c.where());
        }
        assertThat(answer.text()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("tools.jackson")
                .doesNotContain("java.").doesNotContain("StreamReadConstraints");
    }

    /**
     * The deepest input the API accepts runs and can be read back (the execution, its history, which
     * wraps it in events[i].details, and the listing); one level more is a 400 at /input. An input of
     * 499 levels was once accepted and then failed its first state, since the engine wraps it in levels
     * of its own beyond Jackson's 500. Read here with a mapper that allows deep documents.
     */
    @Test
    void theDeepestAcceptedInputRunsAndCanBeReadBack() {
        var deep = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(2000).build()).build()).build();
        int depth = JsonBodies.MAX_NESTING;
        String input = "[".repeat(depth) + "]".repeat(depth);
        var started = get("POST", "/v1/executions", "{\"stateMachine\": \"m\", \"input\": " + input + "}");
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String id = deep.readTree(started.text()).get("executionId").asString();
        JsonNode execution = Eventually.await(Duration.ofSeconds(20),
                () -> deep.readTree(get("GET", "/v1/executions/" + id, null).text()),
                body -> !"RUNNING".equals(body.path("status").asString()));
        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(execution.get("output")).isEqualTo(deep.readTree(input));
        var history = get("GET", "/v1/executions/" + id + "/history", null);
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(get("GET", "/v1/executions?stateMachine=m", null).status()).isEqualTo(200);

        for (String tooDeep : List.of("[".repeat(depth + 1) + "]".repeat(depth + 1),
                Json.write(Json.NODES.stringNode("[".repeat(499) + "]".repeat(499))))) {
            var refused = get("POST", "/v1/executions", "{\"stateMachine\": \"m\", \"input\": " + tooDeep + "}");
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            JsonNode problem = deep.readTree(refused.text());
            assertThat(problem.get("type").asString()).isEqualTo("urn:stepwise:problem:invalid-request");
            assertThat(problem.get("pointer").asString()).isEqualTo("/input");
            assertThat(problem.get("detail").asString()).contains("more than " + depth + " levels");
        }
    }

    /** PostgreSQL text cannot hold U+0000: a name or filter with one is the client's 400, not a 500 (a fuzz find). */
    @Test
    void aNulCharacterInANameOrFilterIsABadRequest() {
        var filtered = get("GET", "/v1/executions?stateMachine=ba%00b", null);
        assertThat(filtered.status()).as(filtered.text()).isEqualTo(400);
        assertThat(Json.parse(filtered.text()).get("type").asString()).isEqualTo("urn:stepwise:problem:invalid-request");
        var named = get("POST", "/v1/executions", "{\"stateMachine\": \"m\", \"name\": \"a\\u0000b\"}");
        assertThat(named.status()).as(named.text()).isEqualTo(400);
        assertThat(Json.parse(named.text()).get("detail").asString()).contains("U+0000");
    }

    private RawHttp.Answer get(String method, String target, String body) {
        return RawHttp.send(port, method, target, withCredentials(body == null ? List.of() : json()),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), 30_000);
    }
}
