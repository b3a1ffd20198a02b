package io.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Api;
import io.stepwise.support.Asl;
import io.stepwise.support.SecuredIntegrationTest;
import io.stepwise.support.TestJwts;
import io.stepwise.support.TestTaskHandlers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console with authentication on, in a real headless Chromium: without a session a page sends the
 * browser to the sign-in page (the API still answers 401); an operator signs in with an API key, sees
 * the failed execution and redrives it; a reader sees the pages but is refused stop and redrive with a
 * message; a JWT signs in too; sign-out ends the session. Screenshots in target/console-screenshots/.
 */
class ConsoleSignInBrowserTest extends SecuredIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void freshBrowser() {
        driver = browser.driver();
        wait = new WebDriverWait(driver, WAIT);
        driver.get(base() + "/console/sign-in");
        driver.manage().deleteAllCookies();
    }

    @Test
    void anOperatorSignsInAndRedrivesAReaderIsRefusedAndSignOutEndsTheSession() {
        String failed = failedExecution("pay-42");
        String operatorKey = keyOf("operator");

        // no session: a page sends the browser to sign in, and back to that page after; the API stays 401
        driver.get(base() + "/console/executions?status=FAILED");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        assertThat(driver.getCurrentUrl()).contains("next=%2Fconsole%2Fexecutions%3Fstatus%3DFAILED");
        HeadlessChromium.screenshot(driver, "10-sign-in");
        Api.Response anonymous = api.as(null).get("/v1/executions");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("type").asString()).isEqualTo("urn:stepwise:problem:unauthorized");

        // a wrong key is refused without being shown again
        signIn("sw_0123456789ab_certainly-not-a-key-of-this-service-xyz");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error"))).getText())
                .contains("refused");
        assertThat(driver.getPageSource()).doesNotContain("certainly-not-a-key");
        assertThat(driver.manage().getCookieNamed("stepwise-console")).isNull();

        signIn(operatorKey);
        wait.until(ExpectedConditions.urlContains("/console/executions?status=FAILED"));
        assertThat(driver.findElements(By.cssSelector("#executions a.execution-link"))).extracting(WebElement::getText)
                .containsExactly("pay-42");
        String prefix = operatorKey.substring(3, 15);
        assertThat(driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("key:" + prefix + " (operator, reader)");
        Cookie session = driver.manage().getCookieNamed("stepwise-console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(operatorKey.substring(16));
        assertThat(driver.getPageSource()).doesNotContain(operatorKey.substring(16));

        // the session is no use to a page elsewhere: without the page's CSRF token the API refuses a change
        Api.Response forged = api.as(null).send(HttpRequest.newBuilder(URI.create(base() + "/v1/executions/" + failed
                + "/redrive")).header("Cookie", "stepwise-console=" + session.getValue())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(forged.status()).as(forged.raw()).isEqualTo(403);
        assertThat(forged.body().get("detail").asString()).contains("X-CSRF-TOKEN");
        // while a read with the session works, as the console's scripts do
        assertThat(api.as(null).send(HttpRequest.newBuilder(URI.create(base() + "/v1/executions/" + failed))
                .header("Cookie", "stepwise-console=" + session.getValue()).GET()).status()).isEqualTo(200);

        driver.findElement(By.linkText("pay-42")).click();
        By charge = By.cssSelector("#graph [data-state='Charge']");
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-failed"));
        TestTaskHandlers.FAIL_ON.clear();
        driver.findElement(By.id("redrive")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-redrive-yes"))).click();
        String message = wait.until(d -> d.findElement(By.id("action-message")).getText().isEmpty() ? null
                : d.findElement(By.id("action-message")).getText());
        assertThat(message).startsWith("Redriven");
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-succeeded"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#execution-status .badge"), "data-status",
                "SUCCEEDED"));
        HeadlessChromium.screenshot(driver, "11-operator-redrove");
        // the audit trail names the operator's key for the redrive the console made
        assertThat(api.get("/v1/audit?actor=key:" + prefix).raw()).contains("/v1/executions/{id}/redrive");

        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
        driver.get(base() + "/console");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));

        // a reader sees the pages, and is refused stop and redrive with the reason
        String second = failedExecution("pay-43");
        signIn(keyOf("reader"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("payments")));
        driver.get(base() + "/console/executions/" + second);
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-failed"));
        driver.findElement(By.id("redrive")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-redrive-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-message"), "Refused"));
        assertThat(driver.findElement(By.id("action-message")).getText())
                .contains("Your role does not allow POST /v1/executions/" + second + "/redrive");
        assertThat(api.get("/v1/executions/" + second).body().get("status").asString()).isEqualTo("FAILED");
        HeadlessChromium.screenshot(driver, "12-reader-refused");
    }

    @Test
    void aJwtSignsInWithItsRolesAndAWorkerKeyCannotReadTheConsole() {
        signInPage();
        signIn(keyOf("worker"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error"))).getText())
                .contains("may not read the console");
        assertThat(driver.manage().getCookieNamed("stepwise-console")).isNull();

        signIn(TestJwts.get().token("alice", Map.of("roles", List.of("reader"))));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")));
        assertThat(driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("jwt:alice (reader)");
        assertThat(driver.getCurrentUrl()).endsWith("/console");
    }

    @Test
    void revokingTheKeyEndsItsConsoleSessionAtOnce() {
        String key = keyOf("reader");
        signInPage();
        signIn(key);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")));
        String prefix = key.substring(3, 15);
        String id = null;
        for (var listed : api.get("/v1/api-keys").body().get("items")) {
            if (prefix.equals(listed.get("prefix").asString())) {
                id = listed.get("id").asString();
            }
        }
        assertThat(api.delete("/v1/api-keys/" + id).status()).isEqualTo(204);
        driver.get(base() + "/console/executions");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
    }

    @Test
    void aTeamAKeyLandsInTeamAStaysThereAlongEveryLinkAndSwitchesNamespaces() {
        String teamFailed = failedExecution("team-a", "pay-7");
        String defaultFailed = failedExecution("pay-8");

        signInPage();
        signIn(keyOf("operator", "team-a"));
        // not bound to default: sign-in lands in its namespace, whose switcher offers that one only
        wait.until(ExpectedConditions.urlContains("/console?namespace=team-a"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("payments")));
        assertThat(new Select(driver.findElement(By.id("namespace"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("team-a");
        HeadlessChromium.screenshot(driver, "13-team-a-overview");

        driver.findElement(By.linkText("Executions")).click();
        wait.until(ExpectedConditions.urlContains("/console/executions?namespace=team-a"));
        assertThat(driver.findElements(By.cssSelector("#executions a.execution-link"))).extracting(WebElement::getText)
                .containsExactly("pay-7");
        // the filter form keeps the namespace, and so do the live counts (a stream of team-a's executions)
        new Select(driver.findElement(By.id("status-filter"))).selectByValue("FAILED");
        driver.findElement(By.id("apply-filters")).click();
        wait.until(ExpectedConditions.urlContains("status=FAILED"));
        assertThat(driver.getCurrentUrl()).contains("namespace=team-a");
        assertThat(driver.findElements(By.cssSelector("#executions a.execution-link"))).extracting(WebElement::getText)
                .containsExactly("pay-7");
        By succeeded = By.cssSelector("#counts [data-count='SUCCEEDED']");
        assertThat(driver.findElement(succeeded).getText()).isEqualTo("0");
        Api.Response another = inNamespace("team-a", "/v1/executions/sync", "{\"stateMachine\": \"payments\", "
                + "\"name\": \"pay-70\", \"input\": {\"order\": 70}}", "POST");
        assertThat(another.body().get("status").asString()).as(another.raw()).isEqualTo("SUCCEEDED");
        wait.until(ExpectedConditions.textToBe(succeeded, "1"));

        driver.findElement(By.linkText("pay-7")).click();
        By charge = By.cssSelector("#graph [data-state='Charge']");
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-failed"));
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/console/executions/" + teamFailed + "?namespace=team-a");
        // the timeline comes from the API, which reads the namespace from the header the script sends
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#timeline tbody tr"), 3));
        driver.findElement(charge).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#panel-title span"), "Charge"));
        assertThat(driver.getCurrentUrl()).contains("namespace=team-a", "state=Charge");
        assertThat(driver.findElement(By.cssSelector("#panel a.permalink")).getAttribute("href"))
                .contains("namespace=team-a");
        HeadlessChromium.screenshot(driver, "14-team-a-execution");

        // redrive through the API (header), then the graph follows through the live stream (?namespace=)
        TestTaskHandlers.FAIL_ON.clear();
        driver.findElement(By.id("redrive")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-redrive-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-message"), "Redriven"));
        wait.until(ExpectedConditions.attributeContains(charge, "class", "status-succeeded"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#execution-status .badge"), "data-status",
                "SUCCEEDED"));

        driver.findElement(By.linkText("payments version 1")).click();
        wait.until(ExpectedConditions.urlContains("/console/state-machines/payments"));
        assertThat(driver.getCurrentUrl()).contains("namespace=team-a");
        driver.findElement(By.linkText("Its executions")).click();
        wait.until(ExpectedConditions.urlContains("stateMachine=payments"));
        assertThat(driver.getCurrentUrl()).contains("namespace=team-a");
        assertThat(driver.findElements(By.cssSelector("#executions a.execution-link"))).extracting(WebElement::getText)
                .containsExactly("pay-70", "pay-7");

        // the default namespace's execution is not there: named or not, it answers 404 as the API does
        driver.get(base() + "/console/executions/" + defaultFailed);
        wait.until(ExpectedConditions.urlContains("namespace=team-a"));
        assertThat(driver.getPageSource()).contains("urn:stepwise:problem:not-found").doesNotContain("pay-8");
        driver.get(base() + "/console/executions?namespace=default");
        assertThat(driver.getPageSource()).contains("urn:stepwise:problem:not-found", "\"status\":404")
                .doesNotContain("pay-8");
        HeadlessChromium.screenshot(driver, "15-default-not-found");

        // a key of two namespaces switches between them in the header
        driver.manage().deleteAllCookies();
        failedExecution("team-b", "pay-9");
        signInPage();
        signIn(keyOf("reader", "team-b", "team-a"));
        wait.until(ExpectedConditions.urlContains("/console?namespace=team-a"));
        Select switcher = new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("namespace"))));
        assertThat(switcher.getOptions()).extracting(WebElement::getText).containsExactly("team-a", "team-b");
        switcher.selectByValue("team-b");
        wait.until(ExpectedConditions.urlContains("/console?namespace=team-b"));
        driver.findElement(By.linkText("Executions")).click();
        wait.until(ExpectedConditions.urlContains("/console/executions?namespace=team-b"));
        assertThat(driver.findElements(By.cssSelector("#executions a.execution-link"))).extracting(WebElement::getText)
                .containsExactly("pay-9");
        assertThat(new Select(driver.findElement(By.id("namespace"))).getFirstSelectedOption().getText())
                .isEqualTo("team-b");
        HeadlessChromium.screenshot(driver, "16-switched-to-team-b");
    }

    /** A new stored key of that role bound to those namespaces. */
    private String keyOf(String role, String... namespaces) {
        Api.Response created = api.post("/v1/api-keys", "{\"name\": \"" + role + "-key\", \"role\": \"" + role
                + "\", \"namespaces\": [\"" + String.join("\", \"", namespaces) + "\"]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("key").asString();
    }

    private void signInPage() {
        driver.get(base() + "/console/sign-in");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    private void signIn(String token) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
    }

    /** An execution of "payments" whose Charge state failed (its input is in TestTaskHandlers.FAIL_ON). */
    private String failedExecution(String name) {
        return failedExecution("default", name);
    }

    private String failedExecution(String namespace, String name) {
        Api.Response machine = inNamespace(namespace, "/v1/state-machines/payments", Asl.putBody("""
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Charge"},
                  "Charge": {"Type": "Task", "Resource": "test:flaky", "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}"""), "PUT");
        assertThat(machine.status()).as(machine.raw()).isLessThan(300);
        String order = name.substring(name.indexOf('-') + 1);
        TestTaskHandlers.FAIL_ON.add("{\"order\":" + order + "}");
        Api.Response run = inNamespace(namespace, "/v1/executions/sync", "{\"stateMachine\": \"payments\", \"name\": \""
                + name + "\", \"input\": {\"order\": " + order + "}}", "POST");
        assertThat(run.body().get("status").asString()).as(run.raw()).isEqualTo("FAILED");
        return run.body().get("executionId").asString();
    }

    private Api.Response inNamespace(String namespace, String path, String json, String method) {
        return api.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Stepwise-Namespace", namespace)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
