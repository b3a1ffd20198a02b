package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of docs/performance.md "Console": a 200-state definition laid out and drawn, and an
 * execution with a 10,000-item Map opened while it runs and after it ended. Not a timed test: it runs
 * only with {@code -Dstepwise.console.measure=true}, prints a table and writes it to
 * target/console-measurements.md.
 */
@EnabledIfSystemProperty(named = "stepwise.console.measure", matches = "true")
class ConsoleMeasurement extends IntegrationTest {

    private final List<String> rows = new ArrayList<>();

    @Test
    void measure() throws IOException {
        WebDriver driver = HeadlessChromium.start();
        try {
            twoHundredStates(driver);
            tenThousandIterations(driver);
        } finally {
            driver.quit();
        }
        String table = "| what | figure |\n|---|---:|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        Files.writeString(Path.of("target", "console-measurements.md"), table);
    }

    private void twoHundredStates(WebDriver driver) {
        JsonNode definition = bigDefinition();
        for (int i = 0; i < 200; i++) { // warm-up
            GraphSvg.render(GraphLayout.of(definition), null, "big", null);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            GraphSvg.render(GraphLayout.of(definition), null, "big", null);
            best = Math.min(best, System.nanoTime() - t0);
        }
        row("200 states: layout + SVG, in process (best of 50, warm)", ms(best));
        ObjectNode body = Json.NODES.objectNode();
        body.set("definition", definition);
        assertThat(api.put("/v1/state-machines/big", Json.write(body)).status()).isEqualTo(201);
        http("200 states: GET /console/state-machines/big", "/console/state-machines/big");
        browser(driver, "200 states: browser load (navigation start → load event)", "/console/state-machines/big",
                "[data-state='S199']");
    }

    private void tenThousandIterations(WebDriver driver) {
        ArrayNode items = Json.NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            items.add(i);
        }
        // running: 10,000 children of a Pass, 2 at a time, so it runs long enough to be looked at
        api.put("/v1/state-machines/big-map", Asl.putBody(Asl.single("Each", Asl.map(Asl.single("Item",
                Asl.pass()), """
                {"MaxConcurrency": 2}"""))));
        String running = api.post("/v1/executions", "{\"stateMachine\": \"big-map\", \"input\": " + Json.write(items)
                + "}").body().get("executionId").asString();
        Eventually.await(Duration.ofSeconds(120), () -> api.get("/v1/executions/" + running + "/history?limit=400")
                .body().get("events").size(), n -> n >= 400);
        http("10,000-item Map running: GET the execution page, first view", "/console/executions/" + running);
        http("10,000-item Map running: GET the execution page again", "/console/executions/" + running);
        http("10,000-item Map running: GET its panel (50 iterations)", "/console/executions/" + running
                + "/states/Each");
        browser(driver, "10,000-item Map running: browser load of ?state=Each", "/console/executions/" + running
                + "?state=Each", "#iterations");
        row("10,000-item Map: status when the running figures were taken",
                api.get("/v1/executions/" + running).body().get("status").asString());
        api.post("/v1/executions/" + running + "/stop", "{}");

        // ended: 10,000 iterations in history (4 events each)
        api.put("/v1/state-machines/big-map-done", Asl.putBody(Asl.single("Each", Asl.map(Asl.single("Item",
                Asl.pass())))));
        String done = api.post("/v1/executions", "{\"stateMachine\": \"big-map-done\", \"input\": "
                + Json.write(items) + "}").body().get("executionId").asString();
        Eventually.await(Duration.ofSeconds(300), () -> api.get("/v1/executions/" + done).body().get("status")
                .asString(), "SUCCEEDED"::equals);
        http("10,000-item Map ended (40,000 events): GET the execution page, first view (whole history folded)",
                "/console/executions/" + done);
        http("10,000-item Map ended: GET the execution page again", "/console/executions/" + done);
        http("10,000-item Map ended: GET its panel (50 iterations)", "/console/executions/" + done + "/states/Each");
        browser(driver, "10,000-item Map ended: browser load of ?state=Each", "/console/executions/" + done
                + "?state=Each", "#iterations");
    }

    /** The first GET (cold for this page), then the best and median of 5 more. */
    private void http(String what, String path) {
        List<Long> times = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            var response = api.get(path);
            times.add(System.nanoTime() - t0);
            assertThat(response.status()).as(path).isEqualTo(200);
            size = response.raw().length();
        }
        List<Long> warm = times.subList(1, 6).stream().sorted().toList();
        row(what, "first " + ms(times.getFirst()) + "; then best " + ms(warm.getFirst()) + ", median "
                + ms(warm.get(2)) + "; " + size / 1024 + " KiB");
    }

    /** Three loads in the browser: navigation start to the load event, the best and the worst. */
    private void browser(WebDriver driver, String what, String path, String present) {
        List<Long> times = new ArrayList<>();
        int rowsShown = 0;
        for (int i = 0; i < 3; i++) {
            driver.get("http://localhost:" + port + path);
            assertThat(driver.findElements(By.cssSelector(present))).isNotEmpty();
            times.add(((Number) ((JavascriptExecutor) driver).executeScript("const t = performance"
                    + ".getEntriesByType('navigation')[0]; return Math.round(t.loadEventEnd);")).longValue());
            rowsShown = driver.findElements(By.cssSelector("#iterations tbody tr")).size();
        }
        times.sort(null);
        row(what, "best " + times.getFirst() + " ms, worst " + times.getLast() + " ms"
                + (rowsShown > 0 ? "; " + rowsShown + " iteration rows in the page" : ""));
    }

    private void row(String what, String figure) {
        rows.add("| " + what + " | " + figure + " |");
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** 200 states: a chain with a Choice every 10 states, a Retry and Catch on every Task. */
    static JsonNode bigDefinition() {
        ObjectNode machine = Json.NODES.objectNode().put("StartAt", "S0");
        ObjectNode states = machine.putObject("States");
        for (int i = 0; i < 200; i++) {
            ObjectNode state = states.putObject("S" + i);
            String next = "S" + (i + 1);
            if (i == 199) {
                state.put("Type", "Succeed");
            } else if (i % 10 == 5 && i < 197) {
                state.put("Type", "Choice");
                ObjectNode rule = state.putArray("Choices").addObject();
                rule.put("Variable", "$.x").put("NumericGreaterThan", i).put("Next", "S" + (i + 2));
                state.put("Default", next);
            } else if (i % 3 == 0) {
                state.put("Type", "Task").put("Resource", "stepwise:echo").put("Next", next);
                state.putArray("Retry").addObject().put("MaxAttempts", 2).putArray("ErrorEquals").add("States.ALL");
                ObjectNode c = state.putArray("Catch").addObject();
                c.putArray("ErrorEquals").add("States.ALL");
                c.put("Next", "S199");
            } else {
                state.put("Type", "Pass").put("Next", next);
            }
        }
        return machine;
    }
}
