package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Api.Response;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is the contract workers in other languages are written against: every operation
 * named and summarised, and every status it answers listed. The statuses are not taken on trust from the
 * annotations: each operation is sent the bad requests any client can make, over real HTTP, and whatever it
 * answers must be in its documented responses, a problem's {@code type} among those documented for that
 * status.
 */
class OpenApiTest extends IntegrationTest {

    private static final String[] OPERATIONS = {"get", "put", "post", "delete", "patch", "head", "options"};

    @Autowired
    private ApiProperties properties;

    private JsonNode document;

    /** An operation of the document: its method, path template and description. */
    record Op(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }

        boolean hasBody() {
            return spec.has("requestBody");
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if (in.equals(p.get("in").asString())) {
                    found.add(p);
                }
            });
            return found;
        }
    }

    @BeforeEach
    void readDocument() {
        Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        document = docs.body();
    }

    private List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : OPERATIONS) {
                if (path.getValue().has(method)) {
                    ops.add(new Op(method, path.getKey(), path.getValue().get(method)));
                }
            }
        }
        return ops;
    }

    @Test
    void theApiIsNamedAndVersionedFromTheBuild() {
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        JsonNode info = document.get("info");
        assertThat(info.get("title").asString()).isEqualTo("Stepwise API");
        assertThat(info.get("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        // the same build-info.properties that /actuator/info shows
        assertThat(api.get("/actuator/info").body().at("/build/version")).isEqualTo(info.get("version"));
        assertThat(info.get("description").asString()).contains("application/problem+json");
    }

    @Test
    void theDocumentDescribesEveryEndpointAndNothingElse() {
        List<String> listed = operations().stream().map(Op::toString).toList();
        assertThat(listed).containsExactlyInAnyOrder(
                "GET /v1/state-machines",
                "PUT /v1/state-machines/{name}",
                "GET /v1/state-machines/{name}",
                "DELETE /v1/state-machines/{name}",
                "GET /v1/state-machines/{name}/versions/{version}",
                "POST /v1/state-machines/validate",
                "POST /v1/executions",
                "GET /v1/executions",
                "POST /v1/executions/batch",
                "POST /v1/executions/sync",
                "GET /v1/executions/{id}",
                "GET /v1/executions/{id}/history",
                "GET /v1/executions/{id}/failure",
                "POST /v1/executions/{id}/stop",
                "POST /v1/executions/{id}/redrive",
                "POST /v1/test-state",
                "PUT /v1/activities/{name}",
                "GET /v1/activities",
                "GET /v1/activities/{name}",
                "DELETE /v1/activities/{name}",
                "POST /v1/activities/{name}/poll",
                "POST /v1/tasks/success",
                "POST /v1/tasks/failure",
                "POST /v1/tasks/heartbeat",
                "POST /v1/jobs",
                "POST /v1/jobs/batch",
                "GET /v1/jobs",
                "GET /v1/jobs/{id}",
                "POST /v1/jobs/{id}/cancel",
                "POST /v1/jobs/{id}/retry",
                "PUT /v1/schedules/{name}",
                "GET /v1/schedules",
                "GET /v1/schedules/{name}",
                "DELETE /v1/schedules/{name}",
                "POST /v1/schedules/{name}/pause",
                "POST /v1/schedules/{name}/resume",
                "POST /v1/api-keys",
                "GET /v1/api-keys",
                "GET /v1/api-keys/{id}",
                "DELETE /v1/api-keys/{id}",
                "GET /v1/audit",
                "PUT /v1/queues/{name}",
                "GET /v1/queues",
                "GET /v1/queues/{name}",
                "POST /v1/queues/{name}/pause",
                "POST /v1/queues/{name}/resume");
    }

    @Test
    void everyOperationHasASummaryAnIdATagAndASuccessResponse() {
        List<String> faults = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Op op : operations()) {
            if (op.spec().path("summary").asString("").isBlank()) {
                faults.add(op + ": no summary");
            }
            String id = op.spec().path("operationId").asString("");
            // springdoc's fallback is the Java method name, numbered on clashes (get_1): no name for a client
            if (id.isBlank() || id.matches(".*_\\d+") || ids.contains(id)) {
                faults.add(op + ": operationId '" + id + "' is missing, generated or repeated");
            }
            ids.add(id);
            if (op.spec().path("tags").isEmpty()) {
                faults.add(op + ": no tag");
            }
            boolean success = false;
            for (Map.Entry<String, JsonNode> response : op.spec().get("responses").properties()) {
                success |= response.getKey().startsWith("2");
                if (response.getValue().path("description").asString("").isBlank()
                        || response.getValue().path("description").asString("").equals("OK")) {
                    faults.add(op + ": response " + response.getKey() + " has no description of its own");
                }
            }
            if (!success) {
                faults.add(op + ": no 2xx response");
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void everyErrorResponseIsAProblemWithAnExampleOfEachType() {
        List<String> faults = new ArrayList<>();
        for (Op op : operations()) {
            for (Map.Entry<String, JsonNode> response : op.spec().get("responses").properties()) {
                int status = Integer.parseInt(response.getKey());
                JsonNode problem = response.getValue().path("content").path("application/problem+json");
                if (status < 400) {
                    continue;
                }
                if (!problem.path("schema").path("$ref").asString("").equals("#/components/schemas/Problem")) {
                    faults.add(op + " " + status + ": not an application/problem+json Problem");
                    continue;
                }
                if (problem.path("examples").isEmpty()) {
                    faults.add(op + " " + status + ": no example");
                }
                for (Map.Entry<String, JsonNode> example : problem.path("examples").properties()) {
                    JsonNode value = example.getValue().get("value");
                    if (value.get("status").asInt() != status
                            || !value.get("type").asString().equals(Problems.TYPE_PREFIX + example.getKey())) {
                        faults.add(op + " " + status + ": example " + example.getKey() + " does not match");
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
        assertThat(document.at("/components/schemas/Problem/required").toString()).contains("type", "status");
    }

    @Test
    void everyBodyHasAnExample() {
        List<String> faults = new ArrayList<>();
        for (Op op : operations()) {
            if (op.hasBody() && example(op.spec().at("/requestBody/content/application~1json/schema")) == null) {
                faults.add(op + ": no request example");
            }
            for (Map.Entry<String, JsonNode> response : op.spec().get("responses").properties()) {
                JsonNode media = response.getValue().at("/content/application~1json");
                boolean hasExample = media.has("example") || !media.path("examples").isEmpty()
                        || example(media.path("schema")) != null;
                if (response.getKey().startsWith("2") && media.isObject() && !media.has("schema")) {
                    faults.add(op + ": its " + response.getKey() + " response has no schema");
                } else if (response.getKey().startsWith("2") && media.isObject() && !hasExample) {
                    faults.add(op + ": no example of its " + response.getKey() + " response");
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    /** Inputs, outputs and definitions are any JSON, not only objects: a client must not refuse a string input. */
    @Test
    void aJsonValueMayBeAnyJson() {
        assertThat(document.at("/components/schemas/StartExecutionRequest/properties/input/$ref").asString())
                .isEqualTo("#/components/schemas/JsonValue");
        JsonNode value = document.at("/components/schemas/JsonValue");
        assertThat(value.has("type")).as(value.toString()).isFalse();
        assertThat(value.has("properties")).as(value.toString()).isFalse();
    }

    /** The examples tell one story (ApiExamples); told to a running Stepwise, it ends as they say. */
    @Test
    void theRequestExamplesAreRequestsThatWork() {
        Response put = api.put("/v1/state-machines/greeter", example("PutStateMachineRequest"));
        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        assertThat(api.post("/v1/state-machines/validate", example("ValidateRequest")).body().get("result")
                .asString()).isEqualTo("OK");

        Response tested = api.post("/v1/test-state", example("TestStateBody"));
        assertThat(tested.status()).as(tested.raw()).isEqualTo(200);
        assertThat(tested.body().get("output")).isEqualTo(Json.parse(example("TestStateResponse")).get("output"));

        JsonNode expected = Json.parse(example("ExecutionResponse"));
        Response started = api.post("/v1/executions", example("StartExecutionRequest"));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        Response sync = api.post("/v1/executions/sync", example("SyncStartExecutionRequest"));
        assertThat(sync.status()).as(sync.raw()).isEqualTo(200);
        assertThat(sync.body().get("output")).isEqualTo(expected.get("output"));
        assertThat(sync.body().get("status")).isEqualTo(expected.get("status"));

        Response batch = api.post("/v1/executions/batch", example("BatchStartRequest"));
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        JsonNode items = Json.parse(example("BatchStartResponse")).get("items");
        assertThat(batch.body().at("/items/0/status")).isEqualTo(items.at("/0/status"));
        assertThat(batch.body().at("/items/1/problem/detail")).isEqualTo(items.at("/1/problem/detail"));

        // the greeter ends at once, so stopping it is refused; the example body itself is accepted
        Response stop = api.post(started.location() + "/stop", example("StopExecutionRequest"));
        assertThat(stop.status()).as(stop.raw()).isIn(200, 409);
    }

    /** The example of a component schema, as JSON text. */
    private String example(String schema) {
        JsonNode example = example(Json.NODES.objectNode().put("$ref", "#/components/schemas/" + schema));
        assertThat(example).as("example of " + schema).isNotNull();
        return Json.write(example);
    }

    private JsonNode example(JsonNode schema) {
        if (schema.isMissingNode()) {
            return null;
        }
        JsonNode resolved = schema.has("$ref") ? document.at("/components/schemas/"
                + schema.get("$ref").asString().substring("#/components/schemas/".length())) : schema;
        if (resolved.has("example")) {
            return resolved.get("example");
        }
        return resolved.has("examples") && !resolved.get("examples").isEmpty() ? resolved.get("examples").get(0) : null;
    }

    /**
     * For every operation, the bad requests any client can make: unknown ids and names, malformed path and
     * query parameters, a broken query string, a body that is not JSON, not an object, of unknown fields,
     * too large or of another content type, and an Accept header the API cannot satisfy.
     */
    @Test
    void whateverAnOperationAnswersToABadRequestIsDocumented() {
        List<String> faults = new ArrayList<>();
        int probes = 0;
        for (Op op : operations()) {
            List<String> targets = new ArrayList<>();
            targets.add(target(op, Map.of()));
            targets.add(target(op, Map.of()) + "?%zz");
            for (JsonNode parameter : op.parameters("path")) {
                for (String bad : List.of("abc", "0", "-1", "%20", "x".repeat(200))) {
                    targets.add(target(op, Map.of(parameter.get("name").asString(), bad)));
                }
            }
            for (JsonNode parameter : op.parameters("query")) {
                for (String bad : List.of("abc", "0", "-1", "", "x".repeat(200), "%ff")) {
                    targets.add(target(op, Map.of()) + "?" + parameter.get("name").asString() + "=" + bad);
                }
            }
            for (String target : targets) {
                probes++;
                check(op, target, "a bad path or query", send(op, target, JSON, op.hasBody() ? "{}" : null), faults);
            }
            String target = target(op, Map.of());
            probes++;
            check(op, target, "Accept: image/png", RawHttp.send(port, op.method().toUpperCase(), target,
                    List.<String[]>of(new String[] {"Accept", "image/png"}), null, 10_000), faults);
            if (op.hasBody()) {
                for (String body : List.of("{\"", "[]", "", "{\"noSuchField\": 1}", "{\"a\": 1, \"a\": 2}", "\"text\"")) {
                    probes++;
                    check(op, target, "body " + body, send(op, target, JSON, body), faults);
                }
                for (String type : List.of("text/plain", "*/*", "application/x-www-form-urlencoded", "nonsense")) {
                    probes++;
                    check(op, target, "Content-Type " + type, send(op, target, type, "{}"), faults);
                }
                probes++;
                String tooLarge = "{\"input\": \"" + "x".repeat((int) properties.maxRequestBytes()) + "\"}";
                check(op, target, "a body over the limit", send(op, target, JSON, tooLarge), faults);
            }
        }
        assertThat(probes).isGreaterThan(200);
        assertThat(faults).isEmpty();
    }

    /**
     * The statuses and problem types the API tests (StateMachineApiTest, ExecutionApiTest, ThinPathTest,
     * HistoryAndFailureApiTest, RedriveApiTest, TestStateApiTest, BatchStartApiTest, DatabaseRestartTest)
     * see each operation answer, for the answers a bad request cannot provoke. Add a row when a test
     * proves a new answer.
     */
    @Test
    void theAnswersTheApiTestsProveAreDocumented() {
        String[][] proven = {
                {"PUT /v1/state-machines/{name}", "201", "200", "400 invalid-definition"},
                {"GET /v1/state-machines/{name}", "200", "404 not-found"},
                {"GET /v1/state-machines/{name}/versions/{version}", "200", "404 not-found"},
                {"DELETE /v1/state-machines/{name}", "204", "404 not-found", "409 state-machine-in-use"},
                {"POST /v1/state-machines/validate", "200"},
                {"POST /v1/executions", "201", "200", "400 invalid-request", "404 not-found", "409 execution-exists",
                        "503 database-unavailable"},
                {"POST /v1/executions/batch", "200", "400 invalid-request"},
                {"POST /v1/executions/sync", "200", "202", "404 not-found", "409 execution-exists"},
                {"GET /v1/executions", "200", "400 invalid-parameter"},
                {"GET /v1/executions/{id}", "200", "404 not-found"},
                {"GET /v1/executions/{id}/history", "200", "404 not-found"},
                {"GET /v1/executions/{id}/failure", "200", "404 not-found", "409 execution-not-failed"},
                {"POST /v1/executions/{id}/stop", "200", "404 not-found", "409 execution-not-running"},
                {"POST /v1/executions/{id}/redrive", "200", "404 not-found", "409 redrive-not-allowed"},
                {"POST /v1/test-state", "200", "400 invalid-definition", "400 mock-required", "400 invalid-request"},
                {"PUT /v1/activities/{name}", "201", "200", "400 invalid-parameter"},
                {"GET /v1/activities/{name}", "200", "404 not-found"},
                {"DELETE /v1/activities/{name}", "204"},
                {"POST /v1/activities/{name}/poll", "200", "204", "404 not-found", "400 invalid-parameter"},
                {"POST /v1/tasks/success", "204", "404 task-not-found", "409 task-already-answered", "410 task-timed-out",
                        "400 invalid-request"},
                {"POST /v1/tasks/failure", "204", "404 task-not-found", "400 invalid-request"},
                {"POST /v1/tasks/heartbeat", "204", "400 invalid-request"},
                {"POST /v1/jobs", "201", "200", "400 invalid-request"},
                {"POST /v1/jobs/batch", "200", "400 invalid-request"},
                {"GET /v1/jobs", "200", "400 invalid-parameter"},
                {"GET /v1/jobs/{id}", "200", "404 not-found"},
                {"POST /v1/jobs/{id}/cancel", "200", "404 not-found", "409 job-finished"},
                {"POST /v1/jobs/{id}/retry", "200", "404 not-found", "409 job-not-retryable"},
                {"PUT /v1/schedules/{name}", "201", "200", "400 invalid-request", "400 malformed-request",
                        "400 invalid-parameter"},
                {"GET /v1/schedules", "200"},
                {"GET /v1/schedules/{name}", "200", "404 not-found"},
                {"DELETE /v1/schedules/{name}", "204", "404 not-found"},
                {"POST /v1/schedules/{name}/pause", "200", "404 not-found"},
                {"POST /v1/schedules/{name}/resume", "200", "404 not-found"},
                // security.EndpointRolesTest proves 401 and 403 for every endpoint; ApiKeysTest and AuditTest the rest
                {"GET /v1/executions", "401 unauthorized", "403 forbidden"},
                {"POST /v1/api-keys", "201", "400 invalid-request", "401 unauthorized", "403 forbidden"},
                {"GET /v1/api-keys", "200"},
                {"GET /v1/api-keys/{id}", "200", "404 not-found"},
                {"DELETE /v1/api-keys/{id}", "204", "404 not-found"},
                {"GET /v1/audit", "200", "400 invalid-parameter", "403 forbidden"},
                {"PUT /v1/queues/{name}", "200", "400 invalid-request", "400 invalid-parameter"},
                {"GET /v1/queues", "200"},
                {"GET /v1/queues/{name}", "200", "404 not-found", "400 invalid-parameter"},
                {"POST /v1/queues/{name}/pause", "200"},
                {"POST /v1/queues/{name}/resume", "200"}};
        List<String> faults = new ArrayList<>();
        for (String[] row : proven) {
            Op op = operations().stream().filter(o -> o.toString().equals(row[0])).findFirst().orElseThrow();
            for (int i = 1; i < row.length; i++) {
                String[] answer = row[i].split(" ");
                String fault = undocumented(op, Integer.parseInt(answer[0]),
                        answer.length > 1 ? Problems.TYPE_PREFIX + answer[1] : null);
                if (fault != null) {
                    faults.add(op + ": " + fault);
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    private static final String JSON = "application/json";

    private RawHttp.Answer send(Op op, String target, String contentType, String body) {
        List<String[]> headers = new ArrayList<>();
        if (body != null) {
            headers.add(new String[] {"Content-Type", contentType});
        }
        return RawHttp.send(port, op.method().toUpperCase(), target, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), 30_000);
    }

    /** The path with each parameter replaced: by {@code values} where given, else by an unknown but valid value. */
    private static String target(Op op, Map<String, String> values) {
        String path = op.path();
        for (JsonNode parameter : op.parameters("path")) {
            String name = parameter.get("name").asString();
            String unknown = switch (parameter.path("schema").path("type").asString("string")) {
                case "integer" -> "7";
                default -> "uuid".equals(parameter.path("schema").path("format").asString("")) ? UUID.randomUUID()
                        .toString() : "no-such-" + name;
            };
            path = path.replace("{" + name + "}", values.getOrDefault(name, unknown));
        }
        return path;
    }

    private void check(Op op, String target, String what, RawHttp.Answer answer, List<String> faults) {
        if (answer.status() < 0) {
            faults.add(op + " with " + what + " (" + target.substring(0, Math.min(target.length(), 80))
                    + "): no answer: " + answer.text());
            return;
        }
        String type = null;
        if (answer.status() >= 400) {
            if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
                faults.add(op + " with " + what + ": " + answer.status() + " is not a problem document");
                return;
            }
            type = Json.parse(answer.text()).path("type").asString(null);
        }
        String fault = undocumented(op, answer.status(), type);
        if (fault != null) {
            faults.add(op + " with " + what + " (" + target.substring(0, Math.min(target.length(), 80)) + "): "
                    + fault);
        }
    }

    /** Why {@code status} (and the problem {@code type}, when given) is not documented for {@code op}; null when it is. */
    private static String undocumented(Op op, int status, String type) {
        JsonNode response = op.spec().get("responses").get(String.valueOf(status));
        if (response == null) {
            return "answered " + status + (type == null ? "" : " " + type) + ", which is not documented";
        }
        if (type != null && !type.isEmpty()) {
            String slug = type.substring(Problems.TYPE_PREFIX.length());
            if (!response.path("content").path("application/problem+json").path("examples").has(slug)) {
                return "answered " + status + " " + type + ", a type not documented for " + status;
            }
        }
        return null;
    }
}
