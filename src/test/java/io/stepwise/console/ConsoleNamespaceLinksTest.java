package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api.Response;
import io.stepwise.support.Asl;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's pages of a namespace other than {@code default}, over real HTTP (authentication off):
 * every link, form and redirect they write keeps {@code namespace=}, so a reader who follows them stays
 * in that namespace; the default namespace's pages write no such parameter (their URLs are unchanged);
 * each namespace lists only its own executions; a malformed name is a 400 problem naming the parameter.
 */
class ConsoleNamespaceLinksTest extends IntegrationTest {

    private static final String TEAM = "team-a";
    /** Thymeleaf writes every attribute in double quotes. */
    private static final Pattern URL_ATTRIBUTE = Pattern.compile("\\s(href|action|src)=\"([^\"]*)\"");
    private static final Pattern GET_FORM = Pattern.compile("<form[^>]*method=\"get\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);

    private Response inTeam(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Stepwise-Namespace", TEAM).header("Content-Type", "application/json");
        Response response = api.send("PUT".equals(method) ? request.PUT(HttpRequest.BodyPublishers.ofString(json))
                : request.POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.status()).as(response.raw()).isLessThan(300);
        return response;
    }

    private String startInTeam(String machine, String name, String input) {
        return inTeam("POST", "/v1/executions/sync", "{\"stateMachine\": \"" + machine + "\", \"name\": \"" + name
                + "\", \"input\": " + input + "}").body().get("executionId").asString();
    }

    @Test
    void everyLinkOfANamespacesPagesKeepsItsNamespace() {
        inTeam("PUT", "/v1/state-machines/payments", Asl.putBody(ExecutionViewsTest.PAYMENTS));
        inTeam("PUT", "/v1/state-machines/payments", Asl.putBody(ExecutionViewsTest.PAYMENTS.replace("\"Prepare\": "
                + "{\"Type\": \"Pass\",", "\"Prepare\": {\"Type\": \"Pass\", \"Result\": {\"order\": 1},")));
        inTeam("PUT", "/v1/state-machines/each", Asl.putBody(Asl.single("Each", Asl.map(Asl.single("P", Asl.pass())))));
        startInTeam("payments", "ok", "{\"order\": 1}");
        TestTaskHandlers.FAIL_ON.add("{\"order\":42}");
        String failed = startInTeam("payments", "bad", "{\"order\": 42}");
        String map = startInTeam("each", "items", "[1, 2, 3]");

        List<String> pages = List.of("/console", "/console/executions", "/console/executions?status=FAILED",
                "/console/executions?name=ba", "/console/executions/" + failed,
                "/console/executions/" + failed + "?state=Charge", "/console/executions/" + failed + "/compare",
                "/console/executions/" + failed + "/states/Charge", "/console/executions/" + map + "?state=Each",
                "/console/state-machines/payments?compare=1");
        int checked = 0;
        for (String page : pages) {
            String html = page(page + (page.contains("?") ? "&" : "?") + "namespace=" + TEAM);
            for (String url : consoleUrls(html)) {
                assertThat(url).as("a link on " + page).contains("namespace=" + TEAM);
                checked++;
            }
            Matcher form = GET_FORM.matcher(html);
            while (form.find()) {
                assertThat(form.group(1)).as("a form on " + page).containsPattern(
                        "name=\"namespace\"[^>]*value=\"" + TEAM + "\"|value=\"" + TEAM + "\"[^>]*name=\"namespace\"");
            }
            if (!page.contains("/states/")) {
                assertThat(html).as(page).contains("<meta name=\"stepwise-namespace\" content=\"" + TEAM + "\">");
            }
        }
        // the graph's states, the failure panel's state, the permalink, the Map's iteration filters, the pager
        assertThat(checked).isGreaterThan(60);
        assertThat(page("/console/executions?namespace=" + TEAM)).contains(">bad</a>", ">ok</a>")
                .contains("href=\"/console/console.css\"", "src=\"/console/execution.js\"".replace("execution.js",
                        "executions.js"));
    }

    @Test
    void theDefaultNamespacesPagesAreAsBeforeAndEachNamespaceListsItsOwn() {
        inTeam("PUT", "/v1/state-machines/payments", Asl.putBody(ExecutionViewsTest.PAYMENTS));
        startInTeam("payments", "team-order", "{\"order\": 1}");
        api.put("/v1/state-machines/payments", Asl.putBody(ExecutionViewsTest.PAYMENTS));
        String mine = api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \"default-order\", "
                + "\"input\": {\"order\": 2}}").body().get("executionId").asString();

        for (String page : List.of("/console", "/console/executions", "/console/executions/" + mine + "?state=Charge")) {
            String html = page(page);
            assertThat(consoleUrls(html)).as(page).isNotEmpty().noneMatch(url -> url.contains("namespace="));
            assertThat(html).doesNotContain("stepwise-namespace");
        }
        assertThat(page("/console/executions")).contains(">default-order</a>").doesNotContain("team-order");
        assertThat(page("/console/executions?namespace=" + TEAM)).contains(">team-order</a>")
                .doesNotContain("default-order");
        // the switcher (authentication off: any name may be typed) offers the namespaces in use
        assertThat(page("/console")).contains("<option value=\"default\">", "<option value=\"" + TEAM + "\">");
        // an execution of another namespace answers as one that exists nowhere
        assertThat(api.get("/console/executions/" + mine + "?namespace=" + TEAM).status()).isEqualTo(404);
    }

    @Test
    void aMalformedNamespaceIsAProblemNamingTheParameter() {
        for (String path : List.of("/console?namespace=Team_A", "/console/executions?namespace=-a",
                "/console/executions/counts?namespace=a%2Fb")) {
            Response response = api.get(path);
            assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("parameter").asString()).isEqualTo("namespace");
        }
    }

    @Test
    void theLiveStreamsWorkInTheirNamespace() throws Exception {
        inTeam("PUT", "/v1/state-machines/payments", Asl.putBody(ExecutionViewsTest.PAYMENTS));
        String id = startInTeam("payments", "ok", "{\"order\": 1}");

        HttpResponse<String> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/console/executions/" + id + "/stream?namespace=" + TEAM))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("event:update", "\"status\":\"SUCCEEDED\"", "event:end");
        assertThat(api.get("/console/executions/" + id + "/stream").status()).isEqualTo(404);
    }

    private String page(String path) {
        HttpResponse<String> response;
        try {
            // as a browser asks, so that the answer is the page a reader sees
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The links, form actions and sources of a page that lead to console pages (its own query included). */
    private static List<String> consoleUrls(String html) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL_ATTRIBUTE.matcher(html);
        while (m.find()) {
            String url = m.group(2).replace("&amp;", "&");
            String path = url.replaceAll("[?#].*", "");
            boolean file = path.matches("/console/[^/]*\\.[a-z]+");
            if (!file && (url.startsWith("?") || path.equals("/console") || path.startsWith("/console/"))) {
                urls.add(url);
            }
        }
        return urls;
    }
}
