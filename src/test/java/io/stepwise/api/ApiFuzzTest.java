package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Api.Response;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.RawHttp;
import io.stepwise.support.Seeded;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Thousands of hostile requests against every endpoint Spring MVC maps (read from
 * {@link RequestMappingHandlerMapping}, so a new endpoint is fuzzed without touching this test): random
 * methods, mutated paths and percent-encodings, odd query strings, random and oversized headers, and
 * bodies that are truncated, 10,000 levels deep, full of huge numbers, duplicate keys, NULs, invalid
 * UTF-8, or larger than the limits.
 *
 * <p>Properties: no answer is a 5xx (every offender is collected and printed with the seed); every 4xx
 * is an {@code application/problem+json} with a {@code urn:stepwise:problem:} type, including those
 * Tomcat answers before any servlet runs ({@code ContainerProblems}); the service
 * is healthy afterwards; and the state machines and executions created before the fuzz are all still
 * there, unchanged.
 *
 * <p>Requests are drawn from one seed ({@code -Dstepwise.seed=} replays a run; the seed is printed on
 * failure and in the summary line); {@code -Dstepwise.fuzz.requests=} changes how many are sent.
 */
class ApiFuzzTest extends IntegrationTest {

    private static final int REQUESTS = Integer.getInteger("stepwise.fuzz.requests", 4000);
    private static final int PARALLEL = 4;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}""";
    private static final String WAIT = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}""";
    private static final String FAIL = """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}""";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    @Autowired
    private ApiProperties properties;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A mapped path pattern and the methods it declares (all methods when it declares none). */
    record Endpoint(String pattern, List<String> methods) {
    }

    /** One hostile request; headers keep their order and may repeat. */
    record Fuzz(int index, String method, String target, List<String[]> headers, byte[] body, String what) {
        String describe() {
            String shownTarget = target.length() > 300 ? target.substring(0, 300) + "…(" + target.length() + " chars)"
                    : target;
            String shownHeaders = headers.stream().map(h -> h[0] + ": " + (h[1].length() > 80
                    ? h[1].substring(0, 80) + "…(" + h[1].length() + " chars)" : h[1]))
                    .collect(Collectors.joining("; "));
            String shownBody = body == null ? "(none)" : printable(body, 300) + (body.length > 300 ? "…("
                    + body.length + " bytes)" : "");
            return "#" + index + " [" + what + "] " + method + " " + shownTarget + "\n      headers: " + shownHeaders
                    + "\n      body: " + shownBody;
        }
    }

    /** What came back, and whether it came through HttpClient or, for what HttpClient refuses, a raw socket. */
    record Answer(int status, String contentType, byte[] body, String via) {
        String describe() {
            return status + " " + contentType + " via " + via + ": " + printable(body, 600);
        }
    }

    /** Fixtures the fuzz may touch (by name or id), and the ones it must leave alone. */
    private final List<String> fuzzMachines = new ArrayList<>();
    private final List<String> fuzzExecutions = new ArrayList<>();
    private final List<String> cursors = new ArrayList<>();

    @Test
    void hostileRequestsAreAnsweredWithProblemsAndLoseNothing() throws Exception {
        long seed = Seeded.seed();
        Map<String, String> keptMachines = keptMachines();
        Map<String, JsonNode> keptExecutions = keptExecutions();
        fuzzFixtures();
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints from the handler mapping").extracting(Endpoint::pattern)
                .contains("/v1/executions", "/v1/executions/{id}", "/v1/state-machines/{name}", "/v1/test-state");

        SplittableRandom random = new SplittableRandom(seed);
        List<Fuzz> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(request(i, random, endpoints));
        }

        long started = System.nanoTime();
        Map<Fuzz, Answer> answers = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < PARALLEL; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        Fuzz fuzz = requests.get(i);
                        answers.put(fuzz, send(fuzz));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        List<String> offences = new ArrayList<>();
        Map<String, Integer> byClass = new TreeMap<>();
        Map<String, Integer> via = new TreeMap<>();
        for (Fuzz fuzz : requests) {
            Answer answer = answers.get(fuzz);
            byClass.merge(answer.status() <= 0 ? "no answer" : answer.status() / 100 + "xx", 1, Integer::sum);
            via.merge(answer.via(), 1, Integer::sum);
            String problem = offence(fuzz, answer);
            if (problem == null) {
                continue;
            }
            offences.add("  " + problem + "\n    " + fuzz.describe() + "\n    → " + answer.describe());
        }
        String summary = "API fuzz: " + requests.size() + " requests against " + endpoints.size() + " endpoints in "
                + millis + " ms, seed " + seed + " (replay with -D" + Seeded.SEED_PROPERTY + "=" + seed + "); by status: "
                + byClass + "; sent through: " + via;
        System.out.println(summary);
        assertThat(offences).as(summary + "\n" + offences.size() + " offending requests:\n"
                + String.join("\n", offences)).isEmpty();

        // alive and nothing lost
        assertThat(api.get("/actuator/health").body().get("status").asString()).isEqualTo("UP");
        keptMachines.forEach((name, definition) -> {
            Response machine = api.get("/v1/state-machines/" + name);
            assertThat(machine.status()).as(machine.raw()).isEqualTo(200);
            assertThat(machine.body().get("definition")).isEqualTo(Json.parse(definition));
            assertThat(machine.body().get("version").asInt()).isEqualTo(1);
        });
        keptExecutions.forEach((id, before) -> {
            Response execution = api.get("/v1/executions/" + id);
            assertThat(execution.status()).as(execution.raw()).isEqualTo(200);
            JsonNode after = execution.body();
            for (String field : List.of("status", "input", "output", "stateMachine", "name", "startDate", "stopDate")) {
                assertThat(after.get(field)).as(id + " " + field).isEqualTo(before.get(field));
            }
            Response history = api.get("/v1/executions/" + id + "/history");
            assertThat(history.status()).as(history.raw()).isEqualTo(200);
            assertThat(history.body().get("events").size()).isGreaterThanOrEqualTo(2);
        });
    }

    // ---- fixtures ----

    /** Machines the fuzz never names: they must come out unchanged. */
    private Map<String, String> keptMachines() {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("kept-pass-7f3a", PASS);
        kept.put("kept-wait-7f3a", WAIT);
        kept.put("kept-fail-7f3a", FAIL);
        kept.forEach((name, definition) -> assertThat(api.put("/v1/state-machines/" + name,
                "{\"definition\": " + definition + "}").status()).isEqualTo(201));
        return kept;
    }

    /** Executions the fuzz is never given the ids of, waited to a settled status before the fuzz starts. */
    private Map<String, JsonNode> keptExecutions() {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(start("kept-pass-7f3a", "{\"n\": " + i + ", \"text\": \"é\\u0000ü\"}"));
        }
        ids.add(start("kept-fail-7f3a", "[1, 2, 3]"));
        String waiting = start("kept-wait-7f3a", "{}");
        for (String id : ids) {
            kept.put(id, Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/executions/" + id).body(),
                    body -> !"RUNNING".equals(body.get("status").asString())));
        }
        kept.put(waiting, Eventually.await(Duration.ofSeconds(20), () -> api.get("/v1/executions/" + waiting).body(),
                body -> api.get("/v1/executions/" + waiting + "/history").body().get("events").size() >= 2));
        return kept;
    }

    /** Machines and executions the fuzz names in its valid-looking paths and bodies (and may delete). */
    private void fuzzFixtures() {
        for (String name : List.of("fz-a", "fz-b", "fz-c")) {
            api.put("/v1/state-machines/" + name, "{\"definition\": " + PASS + "}");
            fuzzMachines.add(name);
        }
        api.put("/v1/state-machines/fz-fail", "{\"definition\": " + FAIL + "}");
        fuzzMachines.add("fz-fail");
        for (int i = 0; i < 4; i++) {
            fuzzExecutions.add(start(i % 2 == 0 ? "fz-a" : "fz-fail", "{}"));
        }
        // real cursors, so that some fuzzed cursors are valid and some are valid for another listing
        addCursor(api.get("/v1/executions?limit=1").body());
        addCursor(api.get("/v1/state-machines?limit=1").body());
        addCursor(api.get("/v1/executions/" + fuzzExecutions.getFirst() + "/history?limit=1").body());
        addCursor(api.get("/v1/executions/" + fuzzExecutions.getFirst() + "/history?limit=1&reverse=true").body());
    }

    private void addCursor(JsonNode page) {
        if (page != null && page.get("nextCursor") != null && page.get("nextCursor").isString()) {
            cursors.add(page.get("nextCursor").asString());
        }
    }

    private String start(String machine, String input) {
        Response started = api.post("/v1/executions", "{\"stateMachine\": \"" + machine + "\", \"input\": " + input
                + "}");
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        return started.body().get("executionId").asString();
    }

    private List<Endpoint> endpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            if (info.getProducesCondition().getProducibleMediaTypes().contains(MediaType.TEXT_EVENT_STREAM)) {
                // the console's server-sent event streams run until the page leaves, so an answer never ends;
                // ConsolePagesTest sends them their bad requests (ConsoleBrowserTest their good ones)
                return;
            }
            List<String> methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).sorted()
                    .toList();
            for (String pattern : info.getPatternValues()) {
                if (seen.add(pattern + methods)) {
                    endpoints.add(new Endpoint(pattern, methods.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
                            : methods));
                }
            }
        });
        endpoints.sort((a, b) -> (a.pattern() + a.methods()).compareTo(b.pattern() + b.methods()));
        return endpoints;
    }

    // ---- generating requests ----

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
            "BREW", "get"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=UTF-8",
            "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "application/json;charset=nope",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
            "application/xml", "*/*", "application/*", "application/", "%%%", "application/json; a=\"", "",
            "application/problem+json", "application/merge-patch+json", "application/vnd.api+json", "text/json"};
    private static final String[] ACCEPTS = {"application/json", "application/problem+json", "*/*", "text/html",
            "application/xml", "image/png", "text/plain", "garbage", "application/json;q=0", "*/*;q=abc", "",
            "application/*, text/*;q=0.5", "application/yaml"};
    private static final String[] BAD_ESCAPES = {"%", "%%", "%%%", "%zz", "%g0", "%0", "%ff", "%c3%28", "%ed%a0%80",
            "%fe%ff", "%00", "%2f", "%2F", "%5c", "%25", "%u0041", "%e2%82", "%80", "%c0%af"};
    private static final String[] PARAMETERS = {"limit", "cursor", "stateMachine", "status", "startedAfter",
            "startedBefore", "reverse", "version", "name", "type", "timeoutSeconds", "x", ""};

    private Fuzz request(int index, RandomGenerator random, List<Endpoint> endpoints) {
        boolean unmapped = random.nextInt(20) == 0;
        Endpoint endpoint = Seeded.pick(random, endpoints);
        String method = random.nextInt(10) < 7 ? Seeded.pick(random, endpoint.methods()) : Seeded.pick(random, METHODS);
        StringBuilder what = new StringBuilder(unmapped ? "unmapped" : endpoint.pattern());
        String path = unmapped ? "/" + Seeded.pick(random, "v1", "v2", "actuator", "v3", "", "V1", "..", "error")
                + "/" + segment(random, what) : path(endpoint.pattern(), random, what);
        String query = query(random, what);
        if (!unmapped && endpoint.pattern().endsWith("/poll")) {
            // a long poll holds for up to a minute by design; the fuzz looks at how it answers, not at waiting
            query = "?waitSeconds=0" + (query.isEmpty() ? "" : "&" + query.substring(1));
        }
        List<String[]> headers = new ArrayList<>();
        byte[] body = null;
        boolean wantsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                || random.nextInt(10) == 0;
        if (wantsBody) {
            body = body(endpoint.pattern(), random, what);
        }
        if (body != null || random.nextInt(5) == 0) {
            if (random.nextInt(10) < 7) {
                headers.add(new String[] {"Content-Type", "application/json"});
            } else {
                String type = Seeded.pick(random, CONTENT_TYPES);
                what.append(" content-type");
                headers.add(new String[] {"Content-Type", type});
            }
        }
        if (random.nextBoolean()) {
            headers.add(new String[] {"Accept", Seeded.pick(random, ACCEPTS)});
        }
        switch (random.nextInt(40)) {
            case 0 -> {
                what.append(" oversized-header");
                headers.add(new String[] {"X-Fuzz", "h".repeat(64 * 1024)});
            }
            case 1 -> {
                what.append(" many-headers");
                for (int i = 0; i < 200; i++) {
                    headers.add(new String[] {"X-Fuzz-" + i, Seeded.string(random, "abcdefghij0123456789", 1, 40)});
                }
            }
            case 2 -> {
                what.append(" odd-header-value");
                headers.add(new String[] {"X-Fuzz", Seeded.anyString(random, 30)});
            }
            case 3 -> {
                what.append(" repeated-content-type");
                headers.add(new String[] {"Content-Type", "text/plain"});
            }
            case 4 -> {
                what.append(" odd-header-name");
                headers.add(new String[] {Seeded.string(random, "abcXYZ-_(){}@:;\"", 1, 12), "v"});
            }
            default -> {
            }
        }
        return new Fuzz(index, method, path + query, headers, body, what.toString());
    }

    /** The pattern with its variables filled in, sometimes mutated around them. */
    private String path(String pattern, RandomGenerator random, StringBuilder what) {
        StringBuilder path = new StringBuilder();
        for (String part : pattern.substring(1).split("/", -1)) {
            path.append('/');
            if (part.startsWith("{")) {
                path.append(variable(part.substring(1, part.length() - 1), random, what));
            } else if (random.nextInt(40) == 0) {
                what.append(" mangled-literal");
                path.append(part, 0, part.length() / 2).append(Seeded.pick(random, BAD_ESCAPES))
                        .append(part.substring(part.length() / 2));
            } else {
                path.append(part);
            }
        }
        switch (random.nextInt(25)) {
            case 0 -> path.append('/');
            case 1 -> path.append("/").append(segment(random, what));
            case 2 -> path.insert(0, "/");
            case 3 -> path.append(";jsessionid=").append(Seeded.string(random, "ABC123", 1, 10));
            case 4 -> path.append("/..");
            case 5 -> path.append("%2F..%2F");
            default -> {
            }
        }
        return path.toString();
    }

    private String variable(String name, RandomGenerator random, StringBuilder what) {
        int choice = random.nextInt(20);
        if (choice < 8) {
            return switch (name) {
                case "id" -> Seeded.pick(random, fuzzExecutions);
                case "name" -> Seeded.pick(random, fuzzMachines);
                case "version" -> Seeded.pick(random, "1", "2", "0", "-1", "2147483648", "99999999999999999999",
                        "1.5", "1e3", "0x10", " 1");
                default -> Seeded.string(random, "abc", 1, 5);
            };
        }
        return segment(random, what);
    }

    /** One path segment that is odd in some way. */
    private String segment(RandomGenerator random, StringBuilder what) {
        return switch (random.nextInt(9)) {
            case 0 -> {
                what.append(" bad-escape");
                yield Seeded.string(random, "abc", 0, 3) + Seeded.pick(random, BAD_ESCAPES)
                        + Seeded.string(random, "abc", 0, 3);
            }
            case 1 -> {
                what.append(" long-segment");
                yield Seeded.string(random, "abcdef0123456789-", 1000, 12000);
            }
            case 2 -> encode(Seeded.anyString(random, 20));
            case 3 -> Seeded.pick(random, "", ".", "..", "%2e%2e", "~", "%20", "+", "%0a", "%0d%0a", "%7B%7D",
                    "%3B", "a%2Fb", "%5C..%5C", "0190a3a0-0000-7000-8000-000000000000", "00000000-0000-0000-0000-000000000000",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff", "0190A3A0-0000-7000-8000-00000000000G", "1-2-3-4-5",
                    "validate", "sync", "%F0%9F%98%80", "null", "undefined", "NaN", "-0");
            case 4 -> Seeded.string(random, "abcXYZ019_-.~!$&'()*+,;=:@", 1, 30);
            case 5 -> Long.toString(random.nextLong());
            case 6 -> {
                what.append(" raw-odd-chars");
                yield Seeded.string(random, "\"<>\\^`{|}[] é", 1, 6);
            }
            default -> Seeded.string(random, "abcdefghijklmnopqrstuvwxyz0123456789-_", 1, 20);
        };
    }

    private String query(RandomGenerator random, StringBuilder what) {
        int count = random.nextInt(10) < 5 ? 0 : random.nextInt(1, 6);
        if (count == 0) {
            return random.nextInt(30) == 0 ? "?" : "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                query.append(random.nextInt(15) == 0 ? "&&" : "&");
            }
            String name = random.nextInt(5) == 0 ? encode(Seeded.anyString(random, 8)) : Seeded.pick(random, PARAMETERS);
            query.append(name);
            if (random.nextInt(12) == 0) {
                continue; // a name without '='
            }
            query.append('=').append(queryValue(name, random, what));
        }
        if (random.nextInt(20) == 0) {
            what.append(" trailing-percent");
            query.append('%');
        }
        return query.toString();
    }

    private String queryValue(String name, RandomGenerator random, StringBuilder what) {
        int choice = random.nextInt(12);
        return switch (choice) {
            case 0, 1 -> {
                what.append(" bad-query-escape");
                yield Seeded.string(random, "ab", 0, 2) + Seeded.pick(random, BAD_ESCAPES)
                        + Seeded.string(random, "ab", 0, 2);
            }
            case 2 -> Seeded.pick(random, "0", "-1", "-2147483649", "2147483648", "99999999999999999999999999999",
                    "1e400", "1.5", "NaN", "0x10", "", "+5", " 7", "%2B5", "1,2");
            case 3 -> cursors.isEmpty() ? "x" : Seeded.pick(random, cursors);
            case 4 -> encode(Seeded.anyString(random, 40));
            case 5 -> Seeded.pick(random, "RUNNING", "SUCCEEDED", "running", "FAILED,RUNNING", "2025-01-01T00:00:00Z",
                    "2025-01-01T00:00:00%2B02:00", "+999999999-12-31T23:59:59.999999999Z", "true", "false", "TRUE",
                    "fz-a", "kept-pass-7f3a".replace("kept", "fz"), "%C3%A9");
            case 6 -> {
                what.append(" long-query-value");
                yield Seeded.string(random, "ABCDEFabcdef0123456789-_", 500, 6000);
            }
            case 7 -> Seeded.string(random, "!$'()*,;:@/?[]", 1, 10);
            default -> switch (name) {
                case "limit" -> Integer.toString(random.nextInt(-5, 1100));
                case "reverse" -> Seeded.pick(random, "true", "false", "yes", "1");
                default -> Seeded.string(random, "abcdefABCDEF0123456789-_", 1, 30);
            };
        };
    }

    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    // ---- bodies ----

    private byte[] body(String pattern, RandomGenerator random, StringBuilder what) {
        int choice = random.nextInt(100);
        String kind;
        byte[] body;
        if (choice < 25) {
            kind = "valid-ish";
            body = utf8(Json.write(template(pattern, random)));
        } else if (choice < 45) {
            kind = "mutated";
            body = utf8(Json.write(mutate(template(pattern, random), random)));
        } else if (choice < 55) {
            kind = "random-json";
            body = utf8(Json.write(randomJson(random, 4)));
        } else if (choice < 62) {
            kind = "truncated";
            String text = Json.write(template(pattern, random));
            body = utf8(text.substring(0, random.nextInt(text.length())));
        } else if (choice < 70) {
            kind = "deep";
            body = utf8(deep(pattern, random));
        } else if (choice < 76) {
            kind = "huge-number";
            String number = Seeded.pick(random, "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
                    "-123456789012345678901234567890", "1" + "0".repeat(2000), "0." + "1".repeat(2000), "1E+2147483647",
                    "9223372036854775808", "2147483648", "-0", "1.0", "NaN", "Infinity");
            body = utf8(Json.write(template(pattern, random)).replaceFirst(
                    Seeded.pick(random, "\"[^\"]*\"(?=\\s*[,}])", "\\b1\\b", "\\{\\}", "true"), number));
        } else if (choice < 80) {
            kind = "invalid-utf8";
            byte[] text = utf8(Json.write(template(pattern, random)));
            byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xE2, (byte) 0x82}};
            byte[] insert = bad[random.nextInt(bad.length)];
            int at = random.nextInt(text.length + 1);
            body = new byte[text.length + insert.length];
            System.arraycopy(text, 0, body, 0, at);
            System.arraycopy(insert, 0, body, at, insert.length);
            System.arraycopy(text, at, body, at + insert.length, text.length - at);
        } else if (choice < 85) {
            kind = "duplicate-keys";
            body = utf8(duplicateKeys(pattern, random));
        } else if (choice < 89) {
            kind = "nul";
            String text = Json.write(template(pattern, random));
            body = random.nextBoolean() ? utf8(text.replaceFirst("\"([^\"]*)\"", "\"$1\\\\u0000x\""))
                    : utf8(text.replaceFirst("\"([^\"]*)\"", "\"$1\u0000x\""));
        } else if (choice < 92) {
            kind = "large";
            long size = properties.maxInputBytes().toBytes() + random.nextInt(1, 64 * 1024);
            body = utf8(large(pattern, size, random));
        } else if (choice < 93) {
            kind = "over-request-limit";
            body = utf8("{\"stateMachine\": \"fz-a\", \"input\": \"" + "y".repeat(
                    (int) (properties.maxDefinitionBytes().toBytes() + properties.maxInputBytes().toBytes() * 5)) + "\"}");
        } else if (choice < 96) {
            kind = "empty";
            body = new byte[0];
        } else {
            kind = "not-json";
            body = utf8(Seeded.pick(random, "stateMachine=fz-a", "<xml/>", "null", "\"\"", "[]", "{", "}", "{}}",
                    "{\"a\":1}garbage", "\ufeff{}", "{'a': 1}", "{a: 1}", "[1,]", "{\"a\":1,}", "/* c */ {}",
                    "\u0000", "{\"definition\": " + PASS + "} {\"again\": 1}"));
        }
        what.append(" body:").append(kind);
        return body;
    }

    /** A plausible body for the endpoint: what a client would send on a good day. */
    private JsonNode template(String pattern, RandomGenerator random) {
        String definition = Seeded.pick(random, PASS, FAIL, """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.n",
                 "NumericGreaterThan": 1, "Next": "S"}], "Default": "F"}, "S": {"Type": "Succeed"},
                 "F": {"Type": "Fail"}}}""", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
                 "Output": "{% $states.input %}", "End": true}}}""");
        String machine = Seeded.pick(random, fuzzMachines);
        String text = switch (pattern) {
            case "/v1/state-machines/{name}" -> "{\"definition\": " + definition + ", \"description\": \"d\"}";
            case "/v1/state-machines/validate" -> "{\"definition\": " + definition + ", \"type\": \"STANDARD\"}";
            case "/v1/executions" -> "{\"stateMachine\": \"" + machine + "\", \"input\": {\"n\": 1}}";
            case "/v1/executions/sync" -> "{\"stateMachine\": \"" + machine + "\", \"input\": {\"n\": 1}, "
                    + "\"timeoutSeconds\": 1}";
            case "/v1/executions/{id}/stop" -> "{\"error\": \"E\", \"cause\": \"c\"}";
            case "/v1/test-state" -> Seeded.pick(random,
                    "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"input\": {\"n\": 1}}",
                    "{\"definition\": {\"Type\": \"Task\", \"Resource\": \"stepwise:echo\", \"End\": true}, "
                            + "\"mock\": {\"result\": {\"a\": 1}}, \"inspectionLevel\": \"DEBUG\"}",
                    "{\"definition\": " + definition + ", \"stateName\": \"P\", \"input\": {}}");
            default -> Seeded.pick(random, "{}", "{\"definition\": " + definition + "}", "{\"stateMachine\": \"" + machine
                    + "\"}");
        };
        return Json.parse(text);
    }

    /** Replaces or adds one value somewhere in the tree with a random one. */
    private JsonNode mutate(JsonNode node, RandomGenerator random) {
        JsonNode copy = node.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode target = Seeded.pick(random, containers);
        if (target instanceof tools.jackson.databind.node.ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.isEmpty() || random.nextInt(4) == 0 ? Seeded.anyString(random, 10)
                    : Seeded.pick(random, names);
            if (random.nextInt(6) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomJson(random, 3));
            }
        } else if (target instanceof tools.jackson.databind.node.ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(randomJson(random, 3));
            } else {
                array.set(random.nextInt(array.size()), randomJson(random, 3));
            }
        }
        return copy;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static JsonNode randomJson(RandomGenerator random, int depth) {
        var nodes = Json.NODES;
        int choice = random.nextInt(depth <= 0 ? 7 : 9);
        return switch (choice) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextLong());
            case 3 -> nodes.numberNode(Seeded.pick(random, 0.5, -1e300, 1e-300, Double.MIN_VALUE, 3.0));
            case 4 -> nodes.numberNode(new java.math.BigInteger(Seeded.string(random, "0123456789", 1, 60)).negate());
            case 5 -> nodes.stringNode(Seeded.anyString(random, 20));
            case 6 -> nodes.stringNode(Seeded.pick(random, "", "$", "$.x", "{% 1 + %}", "{% $states.input %}",
                    "States.Format('{}', $.x)", "fz-a", "STANDARD", "EXPRESS", "Pass", "Task", "Map", "Parallel",
                    "DEBUG", "TRACE", "0190a3a0-0000-7000-8000-000000000000", "{\"StartAt\": 1}", "[", PASS));
            case 7 -> {
                var array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(random, depth - 1));
                }
                yield array;
            }
            default -> {
                var object = nodes.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(Seeded.pick(random, "StartAt", "States", "Type", "Next", "End", "definition", "input",
                            "Parameters", "Branches", "ItemProcessor", "Choices", "Retry", "Catch", Seeded.anyString(
                                    random, 6)), randomJson(random, depth - 1));
                }
                yield object;
            }
        };
    }

    /** 10,000 (or so) levels of arrays or objects, at the top or where a definition, input or state goes. */
    private String deep(String pattern, RandomGenerator random) {
        int depth = Seeded.pick(random, 999, 1000, 1001, 2000, 10_000, 50_000);
        boolean objects = random.nextBoolean();
        StringBuilder nest = new StringBuilder(depth * 6);
        nest.append((objects ? "{\"a\":" : "[").repeat(depth)).append('1').append((objects ? "}" : "]").repeat(depth));
        if (random.nextInt(5) == 0) {
            nest.setLength(nest.length() - random.nextInt(1, depth)); // unclosed
        }
        String value = nest.toString();
        String escaped = Json.write(Json.NODES.stringNode(value));
        return switch (random.nextInt(7)) {
            case 0 -> value;
            case 1 -> "{\"definition\": " + value + "}";
            case 2 -> "{\"definition\": " + escaped + "}";
            case 3 -> "{\"definition\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": "
                    + value + ", \"End\": true}}}}";
            case 4 -> "{\"stateMachine\": \"fz-a\", \"input\": " + (random.nextBoolean() ? value : escaped) + "}";
            case 5 -> "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"input\": " + value + "}";
            default -> "{\"definition\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", "
                    + "\"Branches\": [" + "{\"StartAt\": \"Q\", \"States\": {\"Q\": {\"Type\": \"Parallel\", \"Branches\": ["
                            .repeat(Math.min(depth, 3000)) + "]}}}".repeat(Math.min(depth, 3000))
                    + "], \"End\": true}}}}";
        };
    }

    private String duplicateKeys(String pattern, RandomGenerator random) {
        return switch (random.nextInt(5)) {
            case 0 -> "{\"definition\": " + PASS + ", \"definition\": " + FAIL + "}";
            case 1 -> "{\"definition\": {\"StartAt\": \"P\", \"StartAt\": \"Q\", \"States\": {\"P\": {\"Type\": "
                    + "\"Pass\", \"End\": true}, \"Q\": {\"Type\": \"Pass\", \"End\": true}}}}";
            case 2 -> "{\"definition\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true},"
                    + " \"P\": {\"Type\": \"Fail\"}}}}";
            case 3 -> "{\"stateMachine\": \"fz-a\", \"stateMachine\": \"fz-b\", \"input\": {\"a\": 1, \"a\": 2}}";
            default -> "{\"definition\": {\"Type\": \"Pass\", \"Type\": \"Fail\", \"End\": true}, \"input\": {}}";
        };
    }

    private String large(String pattern, long size, RandomGenerator random) {
        String filler = "z".repeat((int) size);
        return switch (random.nextInt(4)) {
            case 0 -> "{\"stateMachine\": \"fz-a\", \"input\": {\"x\": \"" + filler + "\"}}";
            case 1 -> "{\"definition\": {\"Type\": \"Pass\", \"End\": true}, \"input\": [\"" + filler + "\"]}";
            case 2 -> "{\"definition\": {\"Comment\": \"" + "c".repeat((int) properties.maxDefinitionBytes().toBytes())
                    + "\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}}";
            default -> "{\"stateMachine\": \"fz-a\", \"input\": \"\\\"" + filler + "\\\"\", \"name\": \"n\"}";
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- sending and judging ----

    private Answer send(Fuzz fuzz) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + fuzz.target()))
                    .timeout(ANSWER_TIMEOUT)
                    .method(fuzz.method(), fuzz.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
            for (String[] header : fuzz.headers()) {
                builder.header(header[0], header[1]);
            }
            request = builder.build();
        } catch (IllegalArgumentException refused) {
            return raw(fuzz); // a malformed escape or a header value HttpClient will not send
        }
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), "HttpClient");
        } catch (IOException e) {
            // HttpClient also gives up on some answers (a connection the server closed while we still sent)
            Answer raw = raw(fuzz);
            return raw.status() > 0 ? raw : new Answer(-1, null, utf8(e.toString()), "HttpClient");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HTTP/1.1 over a plain socket, for what HttpClient refuses to send. */
    private Answer raw(Fuzz fuzz) {
        RawHttp.Answer answer = RawHttp.send(port, fuzz.method(), fuzz.target(), fuzz.headers(), fuzz.body(),
                (int) ANSWER_TIMEOUT.toMillis());
        return new Answer(answer.status(), answer.contentType(), answer.body(), "socket");
    }

    /**
     * Null when the answer is fine, else what is wrong with it. There are no exceptions: what Tomcat
     * refuses itself (a broken escape in the path, too many or too large headers, TRACE) is written as a
     * problem by {@code ContainerProblems}.
     */
    private String offence(Fuzz fuzz, Answer answer) {
        if (answer.status() <= 0) {
            return "no HTTP answer";
        }
        if (answer.status() >= 500) {
            return "server error " + answer.status();
        }
        if (answer.status() < 400) {
            return null;
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return answer.status() + " is not a problem document (Content-Type " + answer.contentType() + ")";
        }
        if (fuzz.method().equals("HEAD")) {
            return null; // no body to read
        }
        JsonNode problem;
        try {
            problem = Json.MAPPER.readTree(answer.body());
        } catch (RuntimeException e) {
            return "the problem document is not JSON";
        }
        if (problem.get("type") == null || !problem.get("type").asString().startsWith(Problems.TYPE_PREFIX)) {
            return "the problem has no urn:stepwise:problem: type";
        }
        if (problem.get("status") == null || problem.get("status").asInt() != answer.status()) {
            return "the problem's status differs from the HTTP status";
        }
        if (problem.get("detail") == null || problem.get("detail").asString().isBlank()) {
            return "the problem has no detail";
        }
        String raw = new String(answer.body(), StandardCharsets.UTF_8);
        if (raw.contains("Exception") || raw.contains("at io.") || raw.contains("tools.jackson")) {
            return "the problem shows internals";
        }
        return null;
    }

    private static String printable(byte[] bytes, int max) {
        String text = new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        for (char c : text.toCharArray()) {
            shown.append(c < 0x20 && c != '\n' ? String.format(Locale.ROOT, "\\x%02x", (int) c) : c);
        }
        return shown.toString();
    }
}
