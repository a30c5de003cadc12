package io.countersign.web.pages;

import static io.countersign.web.pages.BrowserScene.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Asking for access from the form, the list of all requests and the audit page, in a real headless
 * Chromium against the running service; {@link BrowserScene} sets the scene and the API fixture
 * checks what was stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestAndAuditPagesBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    BrowserScene scene;

    @BeforeEach
    void scene() {
        browser.at(port);
        scene = new BrowserScene(api);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        browser.close();
    }

    @Test
    void aRequesterPreviewsWhatThePolicySaysAndThenAsks() {
        browser.signIn(scene.requester, PASSWORD);
        browser.open("/requests/new");
        browser.field("resource").sendKeys(scene.resource.substring(0, scene.resource.length() - 1));
        // the suggestions come from what a policy lets this person ask for, as they type
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#resource-options option[value='" + scene.resource + "']"))
                        .isEmpty());
        browser.field("resource").sendKeys(scene.resource.substring(scene.resource.length() - 1));
        browser.field("account").sendKeys("admin");
        browser.field("duration").sendKeys("2h");
        browser.driver().findElement(By.id("start-later")).click();
        String startsAt = LocalDateTime.ofInstant(
                        clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC)
                .toString();
        browser.driver().executeScript("document.getElementById('startsAt').value = arguments[0]", startsAt);
        browser.field("justification").sendKeys("Migrate the schema");
        browser.clickButton("Preview");

        assertThat(browser.field("preview-policy").getText()).isEqualTo(scene.policy);
        assertThat(browser.field("preview-steps").getText())
                .contains("Lead review: 1 of " + scene.lead, "Security review: 1 of " + scene.security);
        assertThat(browser.field("max-duration").getText()).isEqualTo("4h");
        assertThat(requestsOf(scene.requester)).isEmpty();

        browser.clickButton("Request access");
        assertThat(browser.path()).startsWith("/requests/req-");
        String id = browser.path().substring("/requests/".length());
        assertThat(browser.text())
                .contains("Your request is sent.", "PENDING", "Migrate the schema", "Waiting on: " + scene.lead)
                .contains("2 hours", startsAt.replace('T', ' ') + " UTC");

        JsonNode stored =
                api.as(scene.requesterToken).get("/api/v1/requests/" + id).json();
        assertThat(stored.get("duration").asString()).isEqualTo("PT2H");
        assertThat(stored.get("startsAt").asString()).startsWith(startsAt);
        JsonNode created = api.asAdmin()
                .get("/api/v1/audit?requestId=" + id)
                .json()
                .get("items")
                .get(0);
        assertThat(created.get("channel").asString()).isEqualTo("WEB");
    }

    @Test
    void thePreviewSaysWhyARequestWouldBeRefusedAndSendingItCreatesNothing() {
        browser.signIn(scene.requester, PASSWORD);
        browser.open("/requests/new");
        browser.field("resource").sendKeys(scene.resource);
        browser.field("account").sendKeys("admin");
        browser.field("duration").sendKeys("9h");
        browser.clickButton("Preview");
        assertThat(browser.field("duration-error").getText()).contains("at most 4h");
        assertThat(browser.field("form-errors").getText()).contains("would be refused");
        assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Request access']")))
                .isEmpty();

        // past the preview, the service itself refuses, next to the field, and creates nothing
        browser.driver()
                .executeScript("var b = document.createElement('button'); b.type = 'submit'; b.name = 'send';"
                        + " b.textContent = 'Send anyway'; document.querySelector('main form').appendChild(b);");
        browser.clickButton("Send anyway");
        assertThat(browser.path()).isEqualTo("/requests/new");
        assertThat(browser.field("duration-error").getText()).contains("at most 4h");
        assertThat(browser.field("form-errors").getText()).contains("Nothing was requested");
        assertThat(requestsOf(scene.requester)).isEmpty();

        browser.field("duration").clear();
        browser.field("duration").sendKeys("soon");
        browser.field("resource").clear();
        browser.field("resource").sendKeys("no-such-resource");
        browser.clickButton("Preview");
        assertThat(browser.field("duration-error").getText()).contains("2h, 90m, 1h30m or 1d");
    }

    @Test
    void theStatusFiltersShowTheRequestsInThatState() {
        String open = scene.request("Still open");
        String cancelled = scene.request("Changed my mind");
        api.as(scene.requesterToken)
                .post("/api/v1/requests/" + cancelled + "/cancel", null)
                .expect(200);
        String rejected = scene.request("Not now");
        api.as(scene.tokenOf(scene.lead))
                .post("/api/v1/requests/" + rejected + "/reject", Api.json(Map.of("comment", "freeze")))
                .expect(200);

        browser.signIn(scene.auditor, PASSWORD);
        browser.open("/requests?resource=" + scene.resource);
        assertThat(rowsOfTable("requests")).contains(open, cancelled, rejected);

        browser.submit(browser.driver().findElement(By.linkText("Open")));
        assertThat(rowsOfTable("requests")).containsExactly(open);
        browser.submit(browser.driver().findElement(By.linkText("Cancelled")));
        assertThat(rowsOfTable("requests")).containsExactly(cancelled);
        browser.submit(browser.driver().findElement(By.linkText("Rejected")));
        assertThat(rowsOfTable("requests")).containsExactly(rejected);
        browser.submit(browser.driver().findElement(By.linkText("Approved")));
        assertThat(browser.text()).contains("No request matches.");

        browser.open("/requests?status=rejected&resource=" + scene.resource);
        browser.submit(browser.driver().findElement(By.linkText(rejected)));
        assertThat(browser.text()).contains("REJECTED", "Rejected by " + scene.lead, "freeze");
    }

    @Test
    void anAuditorReadsVerifiesAndExportsTheAuditLog() throws Exception {
        String id = scene.request("Audit me, \"please\"");
        browser.signIn(scene.auditor, PASSWORD);
        browser.open("/audit");
        browser.clickButton("Verify the chain");
        assertThat(browser.field("verification").getText()).startsWith("The chain is intact");

        browser.field("requestId").sendKeys(id);
        browser.clickButton("Filter");
        assertThat(browser.field("events").getText()).contains("request.created", scene.requester);
        assertThat(browser.driver().findElements(By.cssSelector("#events thead th")).stream()
                        .map(WebElement::getText))
                .containsSubsequence("What", "Target", "Request");

        // an event with no request says what it changed only by its target
        browser.field("requestId").clear();
        browser.field("action").sendKeys("resource.created");
        browser.clickButton("Filter");
        assertThat(browser.driver().findElements(By.cssSelector("#events tbody tr td:nth-child(6)")).stream()
                        .map(WebElement::getText))
                .contains("resource:" + scene.resource);
        browser.field("action").clear();
        browser.field("requestId").sendKeys(id);
        browser.clickButton("Filter");

        WebElement export = browser.driver().findElement(By.cssSelector("form.export"));
        StringBuilder query = new StringBuilder("format=csv");
        for (WebElement hidden : export.findElements(By.cssSelector("input[type=hidden]"))) {
            query.append('&').append(hidden.getAttribute("name")).append('=').append(hidden.getAttribute("value"));
        }
        HttpResponse<String> csv = fetch(export.getAttribute("action") + "?" + query);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("id,occurredAt,actor,");
        assertThat(lines.subList(1, lines.size()))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("," + id + ","));
        assertThat(csv.body()).contains("\"Audit me, \"\"please\"\"\"");
    }

    @Test
    void aUserMayOpenNeitherAllRequestsNorTheAuditAndAnAuditorMayNotAsk() throws Exception {
        browser.signIn(scene.requester, PASSWORD);
        assertThat(browser.driver().findElements(By.linkText("Audit"))).isEmpty();
        for (String page : List.of("/requests", "/audit", "/audit/export?format=csv")) {
            assertThat(fetch("http://localhost:" + port + page).statusCode())
                    .as(page)
                    .isEqualTo(403);
        }
        browser.open("/audit");
        assertThat(browser.text()).contains("Forbidden").doesNotContain("Audit log");

        browser.signIn(scene.auditor, PASSWORD);
        assertThat(fetch("http://localhost:" + port + "/requests/new").statusCode())
                .isEqualTo(403);
        assertThat(browser.driver().findElements(By.linkText("Request access"))).isEmpty();
    }

    @Test
    void aForgedCsrfTokenOnTheRequestFormIsRefused() {
        browser.signIn(scene.requester, PASSWORD);
        browser.open("/requests/new");
        browser.field("resource").sendKeys(scene.resource);
        browser.field("account").sendKeys("admin");
        browser.field("justification").sendKeys("Forged");
        browser.driver()
                .executeScript("document.querySelector('main form input[name=_csrf]').value = 'forged-token';"
                        + " var b = document.createElement('button'); b.type = 'submit'; b.name = 'send';"
                        + " b.textContent = 'Send forged'; document.querySelector('main form').appendChild(b);");
        browser.clickButton("Send forged");
        assertThat(browser.text()).doesNotContain("Your request is sent.");
        assertThat(requestsOf(scene.requester)).isEmpty();
    }

    private List<String> rowsOfTable(String id) {
        return browser.driver().findElements(By.cssSelector("#" + id + " tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private HttpResponse<String> fetch(String url) throws IOException, InterruptedException {
        String session =
                browser.driver().manage().getCookieNamed("COUNTERSIGN_SESSION").getValue();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Cookie", "COUNTERSIGN_SESSION=" + session)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private List<String> requestsOf(String username) {
        JsonNode items = api.asAdmin()
                .get("/api/v1/requests?requester=" + username)
                .json()
                .get("items");
        List<String> ids = new ArrayList<>();
        items.forEach(r -> ids.add(r.get("id").asString()));
        return ids;
    }
}
