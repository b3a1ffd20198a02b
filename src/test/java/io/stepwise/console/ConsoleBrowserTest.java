package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Asl;
import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import io.stepwise.support.TestTaskHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium: an engineer finds a failed execution by filter, sees the
 * failed state and its cause, redrives it and watches the graph turn green without a reload; then
 * opens a running Map and watches its iteration counts move. Each step leaves a screenshot in
 * target/console-screenshots/.
 */
class ConsoleBrowserTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void useBrowser() {
        driver = browser.driver();
    }

    @AfterEach
    void openGates() {
        TestTaskHandlers.GATE.release(1000); // a test that failed half-way leaves no handler waiting
    }

    @Test
    void aFailedExecutionIsFoundByFilterSeenAndRedrivenWhileTheGraphTurnsGreen() {
        wait = new WebDriverWait(driver, WAIT);
        driver.manage().window().setSize(new Dimension(1280, 900));
        api.put("/v1/state-machines/payments", Asl.putBody("""
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Charge"},
                  "Charge": {"Type": "Task", "Resource": "test:flaky", "Next": "Done",
                             "Catch": [{"ErrorEquals": ["Other.Error"], "Next": "Refund"}]},
                  "Refund": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Succeed"}}}"""));
        api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \"pay-41\", \"input\": {\"order\": 41}}");
        TestTaskHandlers.FAIL_ON.add("{\"order\":42}");
        String id = api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \"pay-42\", "
                + "\"input\": {\"order\": 42}}").body().get("executionId").asString();
        assertThat(api.get("/v1/executions/" + id).body().get("status").asString()).isEqualTo("FAILED");

        driver.get(base() + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("payments")));
        assertThat(driver.findElement(By.cssSelector("a[aria-label='1 failed executions of payments']")).getText())
                .isEqualTo("1");
        screenshot("01-overview");

        driver.findElement(By.linkText("Executions")).click();
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("status-filter"))))
                .selectByValue("FAILED");
        driver.findElement(By.id("name-filter")).sendKeys("pay-4");
        driver.findElement(By.id("apply-filters")).click();
        wait.until(ExpectedConditions.urlContains("status=FAILED"));
        assertThat(driver.findElements(By.cssSelector("#executions a.execution-link"))).extracting(WebElement::getText)
                .containsExactly("pay-42");
        By succeeded = By.cssSelector("#counts [data-count='SUCCEEDED']");
        assertThat(driver.findElement(By.cssSelector("#counts [data-count='FAILED']")).getText()).isEqualTo("1");
        assertThat(driver.findElement(succeeded).getText()).isEqualTo("1");
        // the counts are live: another execution succeeds while the page is open
        api.post("/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \"pay-43\", \"input\": {}}");
        wait.until(ExpectedConditions.textToBe(succeeded, "2"));
        screenshot("02-failed-executions");

        driver.findElement(By.linkText("pay-42")).click();
        By charge = By.cssSelector("#graph [data-state='Charge']");
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-failed"));
        assertThat(driver.findElement(charge).getAttribute("aria-label")).contains("Charge", "failed");
        assertThat(driver.findElement(By.cssSelector("#graph [data-state='Prepare']")).getAttribute("class"))
                .contains("status-succeeded");
        assertThat(driver.findElement(By.cssSelector("#graph [data-state='Refund']")).getAttribute("class"))
                .contains("status-not-run");
        assertThat(driver.findElement(By.id("failure-error")).getText()).isEqualTo("Flaky.Error");
        assertThat(driver.findElement(By.id("failure-cause")).getText()).contains("failed on {\"order\":42}");
        // the state's panel, opened from the keyboard
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", driver.findElement(charge));
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#panel-title span"), "Charge"));
        assertThat(driver.findElement(By.id("state-input")).getText()).contains("\"order\" : 42");
        assertThat(driver.findElement(By.cssSelector("#panel table.list")).getText()).contains("Flaky.Error");
        screenshot("03-failed-state");

        ((JavascriptExecutor) driver).executeScript("window.notReloaded = true");
        TestTaskHandlers.FAIL_ON.clear();
        driver.findElement(By.id("redrive")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-redrive-yes"))).click();
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-succeeded"));
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#graph [data-state='Done']"), "class",
                "status-succeeded"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#execution-status .badge"), "data-status",
                "SUCCEEDED"));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded")).isEqualTo(true);
        assertThat(driver.findElement(By.cssSelector("#graph [data-state='Refund']")).getAttribute("class"))
                .contains("status-not-run");
        screenshot("04-redriven-green");

        // a phone-sized screen: the page reads without sideways scrolling (the graph scrolls in its box)
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-succeeded"));
        assertThat((Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("sideways overflow; widest: %s", ((JavascriptExecutor) driver).executeScript(WIDEST))
                .isLessThanOrEqualTo(1L);
        screenshot("05-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void aRunningMapShowsItsIterationCountsChange() {
        wait = new WebDriverWait(driver, WAIT);
        TestTaskHandlers.GATE.drainPermits();
        api.put("/v1/state-machines/fan-out", Asl.putBody(Asl.single("Each", Asl.map(Asl.single("Item", """
                {"Type": "Task", "Resource": "test:gate", "End": true}"""), """
                {"MaxConcurrency": 2}"""))));
        String id = api.post("/v1/executions", "{\"stateMachine\": \"fan-out\", \"name\": \"six\", "
                + "\"input\": [1, 2, 3, 4, 5, 6]}").body().get("executionId").asString();
        driver.get(base() + "/console/executions/" + id + "?state=Each");
        By counts = By.id("iteration-counts");
        // the panel is redrawn as the execution moves, so it is read through waits, not held elements
        wait.until(ExpectedConditions.textToBe(counts, "0 ok, 0 failed, 2 running of 6"));
        assertThat(driver.findElement(By.cssSelector("#graph [data-state='Each']")).getAttribute("class"))
                .contains("status-running");
        screenshot("06-map-running");

        TestTaskHandlers.GATE.release(3);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(counts, "3 ok, 0 failed, "));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#graph [data-state='Each'] .figures"), "3 ok, 0 failed, "));
        screenshot("07-map-progress");

        TestTaskHandlers.GATE.release(3);
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#execution-status .badge"), "data-status",
                "SUCCEEDED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(counts, "6 ok, 0 failed, 0 running of 6"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#iterations tbody tr"), 6));
        screenshot("08-map-done");
        Eventually.await(Duration.ofSeconds(5), () -> api.get("/v1/executions/" + id).body().get("status").asString(),
                "SUCCEEDED"::equals);
    }

    @Test
    void theSwitcherTakesAnyNamespaceAndOffersTheOnesInUse() {
        wait = new WebDriverWait(driver, WAIT);
        api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/v1/state-machines/orders"))
                .header("Stepwise-Namespace", "team-a").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Asl.putBody(Asl.single("P", Asl.pass())))));
        api.put("/v1/state-machines/payments", Asl.putBody(Asl.single("P", Asl.pass())));

        driver.get(base() + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("payments")));
        assertThat(driver.findElements(By.linkText("orders"))).isEmpty();
        // authentication off: a name is typed, and the namespaces in use are offered beside it
        assertThat(driver.findElements(By.cssSelector("#namespace-list option")))
                .extracting(o -> o.getAttribute("value")).containsExactly("default", "team-a");
        WebElement field = driver.findElement(By.id("namespace"));
        field.clear();
        field.sendKeys("team-a", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console?namespace=team-a"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("orders")));
        assertThat(driver.findElements(By.linkText("payments"))).isEmpty();
        driver.findElement(By.linkText("orders")).click();
        wait.until(ExpectedConditions.urlContains("/console/state-machines/orders?namespace=team-a"));
        screenshot("09-namespace-team-a");

        // back to default through the switcher: today's URLs, without the parameter
        field = driver.findElement(By.id("namespace"));
        field.clear();
        field.sendKeys("default", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("payments")));
        driver.findElement(By.linkText("Executions")).click();
        wait.until(ExpectedConditions.urlToBe(base() + "/console/executions"));
    }

    /** The elements that stick out of a narrow page (outside the boxes that scroll on purpose). */
    private static final String WIDEST = """
            return [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                    && !e.closest('.scroll'))
                .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')""";

    private String base() {
        return "http://localhost:" + port;
    }

    private void screenshot(String name) {
        HeadlessChromium.screenshot(driver, name);
    }
}
