package io.stepwise.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import io.stepwise.support.Asl;
import io.stepwise.support.Seeded;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.databind.JsonNode;

/**
 * The property both namespace tests check (security on and off): resources made in namespace A, and
 * random (A, B, endpoint) triples in which a caller of B aims at A's resources; every answer is a 404 or
 * a listing without A's items, and afterwards A's resources are as they were.
 */
final class NamespaceIsolation {

    static final String HEADER = "Stepwise-Namespace";
    static final List<String> NAMESPACES = List.of("default", "team-a", "team-b");

    /** Calls the API in one namespace, with one caller (null bearer: none). */
    record Client(String baseUrl, String bearer, String namespace) {

        Api.Response call(String method, String path, String json) {
            var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).header(HEADER, namespace);
            if (bearer != null) {
                builder.header("Authorization", "Bearer " + bearer);
            }
            if (json != null) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            return new Api(baseUrl).send(builder);
        }
    }

    /** What one namespace holds: names unique to it, an execution waiting at an activity, its task's token. */
    record Fixture(String namespace, String machine, String activity, String executionId, String token, String jobId,
            String queue, String schedule) {

        String jobKey() {
            return "u-" + namespace;
        }
    }

    /** One endpoint aimed at a fixture; {@code listing}: the answer is a listing that must not show it. */
    record Probe(String method, String pattern, boolean listing, Function<Fixture, String[]> request) {

        String describe() {
            return method + " " + pattern;
        }
    }

    /** A job of the caller's namespace with the unique key of A's job. */
    private static String aJobKeyedAs(Fixture a) {
        return "{\"type\": \"stepwise:echo\", \"delaySeconds\": 3600, \"uniqueKey\": \"" + a.jobKey() + "\"}";
    }

    private static String[] req(String method, String path) {
        return new String[] {method, path, null};
    }

    private static String[] req(String method, String path, String body) {
        return new String[] {method, path, body};
    }

    /** Every namespaced endpoint, aimed at A's resources. */
    static final List<Probe> PROBES = List.of(
            new Probe("GET", "/v1/state-machines", true, a -> req("GET", "/v1/state-machines?limit=100")),
            new Probe("GET", "/v1/state-machines/{name}", false, a -> req("GET", "/v1/state-machines/" + a.machine())),
            new Probe("GET", "/v1/state-machines/{name}/versions/{version}", false,
                    a -> req("GET", "/v1/state-machines/" + a.machine() + "/versions/1")),
            new Probe("DELETE", "/v1/state-machines/{name}", false,
                    a -> req("DELETE", "/v1/state-machines/" + a.machine())),
            new Probe("PUT", "/v1/state-machines/{name}", false, null), // creates in the caller's own namespace
            new Probe("GET", "/v1/executions", true, a -> req("GET", "/v1/executions?limit=100")),
            new Probe("GET", "/v1/executions", true,
                    a -> req("GET", "/v1/executions?limit=100&stateMachine=" + a.machine())),
            new Probe("POST", "/v1/executions", false,
                    a -> req("POST", "/v1/executions", "{\"stateMachine\": \"" + a.machine() + "\"}")),
            new Probe("POST", "/v1/executions/sync", false, a -> req("POST", "/v1/executions/sync",
                    "{\"stateMachine\": \"" + a.machine() + "\", \"timeoutSeconds\": 1}")),
            new Probe("POST", "/v1/executions/batch", false, a -> req("POST", "/v1/executions/batch",
                    "{\"executions\": [{\"stateMachine\": \"" + a.machine() + "\"}]}")),
            new Probe("GET", "/v1/executions/{id}", false, a -> req("GET", "/v1/executions/" + a.executionId())),
            new Probe("POST", "/v1/executions/{id}/stop", false,
                    a -> req("POST", "/v1/executions/" + a.executionId() + "/stop", "{}")),
            new Probe("POST", "/v1/executions/{id}/redrive", false,
                    a -> req("POST", "/v1/executions/" + a.executionId() + "/redrive")),
            new Probe("GET", "/v1/executions/{id}/history", false,
                    a -> req("GET", "/v1/executions/" + a.executionId() + "/history")),
            new Probe("GET", "/v1/executions/{id}/failure", false,
                    a -> req("GET", "/v1/executions/" + a.executionId() + "/failure")),
            new Probe("GET", "/v1/activities", true, a -> req("GET", "/v1/activities")),
            new Probe("GET", "/v1/activities/{name}", false, a -> req("GET", "/v1/activities/" + a.activity())),
            new Probe("PUT", "/v1/activities/{name}", false, null), // creates in the caller's own namespace
            new Probe("DELETE", "/v1/activities/{name}", false,
                    a -> req("DELETE", "/v1/activities/" + a.activity())),
            new Probe("POST", "/v1/activities/{name}/poll", false,
                    a -> req("POST", "/v1/activities/" + a.activity() + "/poll?waitSeconds=0", "{}")),
            new Probe("POST", "/v1/tasks/success", false, a -> req("POST", "/v1/tasks/success",
                    "{\"taskToken\": \"" + a.token() + "\", \"output\": {}}")),
            new Probe("POST", "/v1/tasks/failure", false, a -> req("POST", "/v1/tasks/failure",
                    "{\"taskToken\": \"" + a.token() + "\", \"error\": \"E\"}")),
            new Probe("POST", "/v1/tasks/heartbeat", false, a -> req("POST", "/v1/tasks/heartbeat",
                    "{\"taskToken\": \"" + a.token() + "\"}")),
            // unique keys are per namespace: B's job with A's key is B's own (created, or B's earlier one), never A's
            new Probe("POST", "/v1/jobs", false, a -> req("POST", "/v1/jobs", aJobKeyedAs(a))),
            new Probe("POST", "/v1/jobs/batch", false,
                    a -> req("POST", "/v1/jobs/batch", "{\"jobs\": [" + aJobKeyedAs(a) + "]}")),
            new Probe("GET", "/v1/jobs", true, a -> req("GET", "/v1/jobs")),
            new Probe("GET", "/v1/jobs/{id}", false, a -> req("GET", "/v1/jobs/" + a.jobId())),
            new Probe("POST", "/v1/jobs/{id}/cancel", false, a -> req("POST", "/v1/jobs/" + a.jobId() + "/cancel")),
            new Probe("POST", "/v1/jobs/{id}/retry", false, a -> req("POST", "/v1/jobs/" + a.jobId() + "/retry")),
            new Probe("GET", "/v1/queues", true, a -> req("GET", "/v1/queues")),
            // queue names are per namespace: B's PUT, pause and resume of A's queue name act on B's own queue
            // of that name (A's stays as it was), which is never A's (concurrency 3)
            new Probe("PUT", "/v1/queues/{name}", false,
                    a -> req("PUT", "/v1/queues/" + a.queue(), "{\"paused\": true, \"concurrency\": 7}")),
            new Probe("GET", "/v1/queues/{name}", false, a -> req("GET", "/v1/queues/" + a.queue())),
            new Probe("POST", "/v1/queues/{name}/pause", false,
                    a -> req("POST", "/v1/queues/" + a.queue() + "/pause")),
            new Probe("POST", "/v1/queues/{name}/resume", false,
                    a -> req("POST", "/v1/queues/" + a.queue() + "/resume")),
            // schedule names are per namespace, as queue names: B's PUT of A's name makes B's own schedule (of B's
            // "orders"), which B may then read, pause, resume and delete; A's (of A's machine) stays as it was
            new Probe("GET", "/v1/schedules", true, a -> req("GET", "/v1/schedules")),
            new Probe("PUT", "/v1/schedules/{name}", false, a -> req("PUT", "/v1/schedules/" + a.schedule(),
                    "{\"cron\": \"0 0 2 2 *\", \"target\": {\"stateMachine\": \"orders\"}}")),
            new Probe("GET", "/v1/schedules/{name}", false, a -> req("GET", "/v1/schedules/" + a.schedule())),
            new Probe("DELETE", "/v1/schedules/{name}", false,
                    a -> req("DELETE", "/v1/schedules/" + a.schedule())),
            new Probe("POST", "/v1/schedules/{name}/pause", false,
                    a -> req("POST", "/v1/schedules/" + a.schedule() + "/pause")),
            new Probe("POST", "/v1/schedules/{name}/resume", false,
                    a -> req("POST", "/v1/schedules/" + a.schedule() + "/resume")));

    private NamespaceIsolation() {
    }

    /** Every mapped endpoint that takes a namespace, as "METHOD pattern". */
    static Set<String> namespacedEndpoints(Map<RequestMappingInfo, HandlerMethod> mappings) {
        Set<String> endpoints = new TreeSet<>();
        mappings.forEach((info, handler) -> {
            boolean namespaced = java.util.Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == io.stepwise.store.Namespace.class);
            if (namespaced && !handler.getBeanType().getPackageName().endsWith(".console")) {
                info.getMethodsCondition().getMethods().forEach(method -> info.getPatternValues()
                        .forEach(pattern -> endpoints.add(method.name() + " " + pattern)));
            }
        });
        return endpoints;
    }

    static Set<String> probedEndpoints() {
        return PROBES.stream().map(Probe::describe).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Makes namespace {@code ns}'s resources through {@code as} (a caller of that namespace). */
    static Fixture fixture(Client as, String ns) throws InterruptedException {
        String machine = "m-" + ns;
        String activity = "act-" + ns;
        expect(as.call("PUT", "/v1/activities/" + activity, null), 201);
        expect(as.call("PUT", "/v1/state-machines/" + machine,
                Asl.putBody(Asl.task("stepwise:activity:" + activity))), 201);
        // the same name in every namespace, each with a definition of its own
        expect(as.call("PUT", "/v1/state-machines/orders", Asl.putBody(Asl.task("stepwise:activity:" + activity),
                "orders of " + ns)), 201);
        String id = expect(as.call("POST", "/v1/executions", "{\"stateMachine\": \"" + machine + "\"}"), 201)
                .body().get("executionId").asString();
        String token = null;
        for (int i = 0; i < 20 && token == null; i++) {
            Api.Response polled = as.call("POST", "/v1/activities/" + activity + "/poll?waitSeconds=5", "{}");
            token = polled.status() == 200 ? polled.body().get("taskToken").asString() : null;
        }
        assertThat(token).as("a task of " + activity).isNotNull();
        String job;
        String queue = "q-" + ns;
        expect(as.call("PUT", "/v1/queues/" + queue, "{\"concurrency\": 3}"), 200);
        // the same queue name in every namespace, as for "orders", with settings of its own
        expect(as.call("PUT", "/v1/queues/q-shared", "{\"concurrency\": " + (10 + NAMESPACES.indexOf(ns)) + "}"), 200);
        expect(as.call("POST", "/v1/executions", "{\"stateMachine\": \"orders\", \"queue\": \"q-shared\"}"), 201);
        job = expect(as.call("POST", "/v1/jobs", "{\"type\": \"stepwise:echo\", \"delaySeconds\": 3600, \"uniqueKey\": \"u-"
                + ns + "\"}"), 201).body().get("id").asString();
        String schedule = "s-" + ns;
        expect(as.call("PUT", "/v1/schedules/" + schedule,
                "{\"cron\": \"0 0 1 1 *\", \"target\": {\"stateMachine\": \"" + machine + "\"}}"), 201);
        return new Fixture(ns, machine, activity, id, token, job, queue, schedule);
    }

    /**
     * The property: {@code callerOf.apply(B, A)} is how B's caller names A (its own header, or A's);
     * every probe of A's resources answers 404, or a listing without them.
     */
    static void check(Map<String, Fixture> fixtures, java.util.function.BiFunction<String, String, List<Client>> callers,
            int tries) {
        Seeded.forAll(tries, random -> {
            String a = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
            String b = NAMESPACES.stream().filter(n -> !n.equals(a)).toList().get(random.nextInt(NAMESPACES.size() - 1));
            List<Probe> usable = PROBES.stream().filter(p -> p.request() != null).toList();
            return new Object[] {a, b, usable.get(random.nextInt(usable.size()))};
        }, triple -> {
            String a = (String) triple[0];
            String b = (String) triple[1];
            Probe probe = (Probe) triple[2];
            Fixture target = fixtures.get(a);
            String[] request = probe.request().apply(target);
            for (Client caller : callers.apply(b, a)) {
                Api.Response answer = caller.call(request[0], request[1], request[2]);
                String why = caller.namespace() + " → " + probe.describe() + " aimed at " + a + ": " + answer.raw();
                if (probe.pattern().startsWith("/v1/queues")) {
                    assertNotAQueue(answer, target, why);
                } else if (probe.pattern().startsWith("/v1/schedules")) {
                    assertNotASchedule(answer, target, why);
                } else if (probe.pattern().equals("/v1/jobs") && probe.method().equals("POST")) {
                    assertNotAJob(answer, answer.body(), target, why);
                } else if (probe.pattern().equals("/v1/jobs/batch")) {
                    assertNotAJob(answer, answer.status() == 200 ? answer.body().get("items").get(0).get("job") : null,
                            target, why);
                } else if (probe.listing() && answer.status() == 200) {
                    assertThat(answer.raw()).as(why).doesNotContain(target.machine()).doesNotContain(target.activity())
                            .doesNotContain(target.executionId());
                    assertThat(answer.raw()).as(why).doesNotContain(target.jobId()).doesNotContain(target.schedule());
                } else if (probe.pattern().equals("/v1/executions/batch") && answer.status() == 200) {
                    assertThat(answer.body().get("items").get(0).get("status").asInt()).as(why).isEqualTo(404);
                } else {
                    assertThat(answer.status()).as(why).isEqualTo(404);
                }
            }
        });
    }

    /** The answer shows no queue of A's: only B's own, which never has A's concurrency 3. */
    private static void assertNotAQueue(Api.Response answer, Fixture a, String why) {
        assertThat(answer.status()).as(why).isIn(200, 404);
        if (answer.status() == 200) {
            JsonNode items = answer.body().has("items") ? answer.body().get("items") : null;
            List<JsonNode> queues = new ArrayList<>();
            if (items == null) {
                queues.add(answer.body());
            } else {
                items.forEach(queues::add);
            }
            for (JsonNode queue : queues) {
                boolean aQueue = queue.get("name").asString().equals(a.queue()) && !queue.get("concurrency").isNull()
                        && queue.get("concurrency").asInt() == 3;
                assertThat(aQueue).as(why).isFalse();
            }
        }
    }

    /** A submission with A's unique key: refused (404, a namespace the caller may not name) or a job not A's. */
    private static void assertNotAJob(Api.Response answer, JsonNode job, Fixture a, String why) {
        assertThat(answer.status()).as(why).isIn(200, 201, 404);
        if (answer.status() != 404) {
            assertThat(job.get("id").asString()).as(why).isNotEqualTo(a.jobId());
            assertThat(job.get("uniqueKey").asString()).as(why).isEqualTo(a.jobKey());
        }
    }

    /** The answer shows no schedule of A's: only B's own of A's name, which targets B's "orders", never A's machine. */
    private static void assertNotASchedule(Api.Response answer, Fixture a, String why) {
        assertThat(answer.status()).as(why).isIn(200, 201, 204, 404);
        if (answer.status() == 200 || answer.status() == 201) {
            List<JsonNode> schedules = new ArrayList<>();
            if (answer.body().has("items")) {
                answer.body().get("items").forEach(schedules::add);
            } else {
                schedules.add(answer.body());
            }
            for (JsonNode schedule : schedules) {
                assertThat(schedule.get("target").get("stateMachine").asString()).as(why).isNotEqualTo(a.machine());
            }
            assertThat(answer.raw()).as(why).doesNotContain(a.machine()).doesNotContain(a.executionId());
        }
    }

    /** A's resources are as the fixture left them: nothing any other namespace sent reached them. */
    static void assertUntouched(Client as, Fixture a) {
        JsonNode execution = expect(as.call("GET", "/v1/executions/" + a.executionId(), null), 200).body();
        assertThat(execution.get("status").asString()).isEqualTo("RUNNING");
        assertThat(expect(as.call("GET", "/v1/state-machines/" + a.machine(), null), 200).body().get("version").asInt())
                .isEqualTo(1);
        expect(as.call("GET", "/v1/activities/" + a.activity(), null), 200);
        // the token is still open: a heartbeat from its own namespace is accepted
        expect(as.call("POST", "/v1/tasks/heartbeat", "{\"taskToken\": \"" + a.token() + "\"}"), 204);
        JsonNode queue = expect(as.call("GET", "/v1/queues/" + a.queue(), null), 200).body();
        assertThat(queue.get("paused").asBoolean()).isFalse();
        assertThat(queue.get("concurrency").asInt()).isEqualTo(3);
        assertThat(queue.get("name").asString()).isEqualTo(a.queue());
        JsonNode job = expect(as.call("GET", "/v1/jobs/" + a.jobId(), null), 200).body();
        assertThat(job.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(job.get("uniqueKey").asString()).isEqualTo(a.jobKey());
        JsonNode schedule = expect(as.call("GET", "/v1/schedules/" + a.schedule(), null), 200).body();
        assertThat(schedule.get("paused").asBoolean()).isFalse();
        assertThat(schedule.get("cron").asString()).isEqualTo("0 0 1 1 *");
        assertThat(schedule.get("target").get("stateMachine").asString()).isEqualTo(a.machine());
    }

    /** Same-named machines and queues are each namespace's own. */
    static void assertOwnOrders(Client as, String ns) {
        assertThat(expect(as.call("GET", "/v1/state-machines/orders", null), 200).body().get("description").asString())
                .isEqualTo("orders of " + ns);
        JsonNode shared = expect(as.call("GET", "/v1/queues/q-shared", null), 200).body();
        assertThat(shared.get("concurrency").asInt()).isEqualTo(10 + NAMESPACES.indexOf(ns));
        assertThat(shared.get("name").asString()).isEqualTo("q-shared");
    }

    static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }
}
