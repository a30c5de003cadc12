package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailSettingsService;
import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The administrator's policy editor and mail settings page in a real headless Chromium. The class has
 * a context of its own: the mail settings it saves would otherwise reach other classes' mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
@TestPropertySource(properties = "countersign.test.database=admin-editors")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminEditorBrowserTests {

    static final String PASSWORD = "a long enough password";
    static final String HOSTILE = "<script>window.pwned=1</script>\"><img src=x onerror=window.pwned=2>";

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    MailSettingsService mail;

    String admin;
    String lead;
    String security;
    String team;
    String resource;

    @BeforeEach
    void scene() {
        browser.at(port);
        admin = person("root", "ADMIN");
        lead = person("lisa", "USER");
        security = person("carol", "USER");
        String other = person("sam", "USER");
        team = Api.unique("security");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", team, "members", List.of(security, other))))
                .expect(201);
        resource = Api.unique("prod-db");
        new AccessSetup(api).database(resource, "admin");
    }

    @AfterAll
    void closeBrowser() throws IOException {
        browser.close();
    }

    private String person(String base, String role) {
        return api.person(base, role, PASSWORD);
    }

    @Test
    void anAdministratorBuildsATwoStepPolicyCorrectingAMistakeOnTheWay() throws IOException {
        String policy = Api.unique("db-approval");
        browser.signIn(admin, PASSWORD);
        browser.open("/admin/policies/new");
        type("name", policy);
        type("priority", "50");
        type("resourceName", resource);
        type("ticketPattern", "^(?=INC)[A-Z]+-[0-9]+$");
        type("steps[0].name", "Lead review");
        type("steps[0].approvers.users", lead);
        browser.clickButton("Add a step");
        assertThat(value("steps[0].approvers.users")).isEqualTo(lead);
        type("steps[1].name", "Security review");
        type("steps[1].approvers.groups", team);
        type("steps[1].requiredApprovals", "2");

        browser.clickButton("Save policy");
        assertThat(browser.field("problems").getText())
                .startsWith("The policy was not saved: one field needs a change.");
        WebElement error = browser.field("error-ticketPattern");
        assertThat(error.getText()).contains("RE2");
        assertThat(error.getAttribute("data-code")).isEqualTo("invalid_pattern");
        // the message stands right after its own field
        assertThat(browser.driver()
                        .findElement(By.xpath("//p[@id='error-ticketPattern']/preceding-sibling::input[1]"))
                        .getAttribute("id"))
                .isEqualTo("ticketPattern");
        // and the field says so to a screen reader, naming its message
        assertThat(browser.field("ticketPattern").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.field("ticketPattern").getAttribute("aria-describedby"))
                .isEqualTo("error-ticketPattern");
        assertThat(browser.field("priority").getAttribute("aria-invalid")).isNull();
        assertThat(value("steps[1].name")).isEqualTo("Security review");
        api.asAdmin().get("/api/v1/policies/" + policy).expect(404);

        type("ticketPattern", "^INC-[0-9]+$");
        type("sampleRequester", person("dev", "USER"));
        type("sampleResource", "no-such-resource");
        type("sampleAccount", "admin");
        browser.clickButton("Check and preview");
        assertThat(browser.field("error-sampleResource").getText()).contains("no-such-resource");
        assertThat(browser.field("problems").getText())
                .startsWith("The preview could not be made: one field needs a change.");
        assertThat(value("steps[1].name")).as("the draft is kept").isEqualTo("Security review");

        type("sampleResource", resource);
        browser.clickButton("Check and preview");
        assertThat(browser.field("preview").getText())
                .contains("Governed by policy " + policy + " (this draft)", "2 of " + security);
        api.asAdmin().get("/api/v1/policies/" + policy).expect(404);
        browser.keepPicture("policy-editor.png");

        browser.clickButton("Save policy");
        assertThat(browser.path()).isEqualTo("/admin/policies");
        assertThat(browser.text()).contains("The policy '" + policy + "' is saved.", policy);

        var saved = api.asAdmin().get("/api/v1/policies/" + policy).expect(200).json();
        assertThat(saved.get("ticketPattern").asString()).isEqualTo("^INC-[0-9]+$");
        assertThat(saved.get("steps")).hasSize(2);
        assertThat(saved.get("steps").get(0).get("approvers").get(0).get("user").asString())
                .isEqualTo(lead);
        assertThat(saved.get("steps")
                        .get(1)
                        .get("approvers")
                        .get(0)
                        .get("group")
                        .asString())
                .isEqualTo(team);
        assertThat(saved.get("steps").get(1).get("requiredApprovals").asInt()).isEqualTo(2);
    }

    @Test
    void stepsMoveAndGoAndAPolicyIsDeletedAfterConfirmation() {
        String policy = Api.unique("ordered");
        browser.signIn(admin, PASSWORD);
        browser.open("/admin/policies/new");
        type("name", policy);
        type("resourceName", resource);
        type("steps[0].name", "First");
        type("steps[0].approvers.users", lead);
        browser.clickButton("Add a step");
        type("steps[1].name", "Second");
        type("steps[1].approvers.users", security);
        browser.click("Move step 2 up");
        assertThat(value("steps[0].name")).isEqualTo("Second");
        browser.clickButton("Add a step");
        browser.click("Remove step 3");
        browser.clickButton("Save policy");
        assertThat(browser.text()).contains("is saved.");
        var saved = api.asAdmin().get("/api/v1/policies/" + policy).expect(200).json();
        assertThat(saved.get("steps").get(0).get("name").asString()).isEqualTo("Second");
        assertThat(saved.get("steps")).hasSize(2);

        browser.click("Delete policy " + policy);
        assertThat(browser.text()).contains("Delete policy " + policy + "?");
        api.asAdmin().get("/api/v1/policies/" + policy).expect(200);
        browser.clickButton("Delete the policy");
        assertThat(browser.text()).contains("The policy '" + policy + "' is deleted.");
        api.asAdmin().get("/api/v1/policies/" + policy).expect(404);
    }

    @Test
    void aPolicySavedUnchangedKeepsItsLabelsAndEveryMinimumLevel() {
        List<String> levels = new ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(level -> levels.add(level.asString()));
        String manager = Api.unique("manager");
        String director = Api.unique("director");
        levels.addAll(List.of(manager, director));
        api.asAdmin().put("/api/v1/levels", Api.json(levels)).expect(200);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "x, owner=evil");
        labels.put("tier", "a,b");
        labels.put("note", "  spaced  ");
        String policy = Api.unique("labelled");
        List<Map<String, String>> approvers =
                List.of(Map.of("user", lead), Map.of("minLevel", manager), Map.of("minLevel", director));
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name", policy,
                                "conditions", Map.of("resourceName", "lab2-*", "labels", labels),
                                "steps", List.of(Map.of("name", "one", "approvers", approvers)))))
                .expect(201);

        browser.signIn(admin, PASSWORD);
        browser.open("/admin/policies/" + policy + "/edit");
        browser.clickButton("Save policy");

        assertThat(browser.text()).contains("The policy '" + policy + "' is saved.");
        var saved = api.asAdmin().get("/api/v1/policies/" + policy).expect(200).json();
        assertThat(saved.get("conditions").get("labels").properties())
                .extracting(label -> Map.entry(label.getKey(), label.getValue().asString()))
                .containsExactlyInAnyOrderElementsOf(labels.entrySet());
        assertThat(saved.get("steps").get(0).get("approvers").toString()).isEqualTo(Api.json(approvers));
    }

    @Test
    void whatAnAdministratorTypedIsShownAsText() {
        browser.signIn(admin, PASSWORD);
        browser.open("/admin/policies/new");
        type("name", HOSTILE);
        type("resourceName", resource);
        type("steps[0].name", HOSTILE);
        type("steps[0].approvers.users", lead);
        browser.clickButton("Save policy");
        assertThat(browser.field("error-name").getAttribute("data-code")).isEqualTo("invalid_name");
        assertThat(value("name")).isEqualTo(HOSTILE);
        assertShownAsText();

        String policy = Api.unique("hostile");
        type("name", policy);
        browser.clickButton("Save policy");
        assertThat(browser.text()).contains("is saved.");
        for (String page : List.of("/admin/policies/" + policy + "/edit", "/admin/policies/" + policy + "/delete")) {
            browser.open(page);
            assertShownAsText();
        }
        browser.open("/admin/policies/" + policy + "/edit");
        assertThat(value("steps[0].name")).isEqualTo(HOSTILE);
        assertThat(browser.text()).contains(HOSTILE);
    }

    private void assertShownAsText() {
        assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.driver().findElements(By.xpath("//script"))).isEmpty();
        assertThat(browser.driver().executeScript("return window.pwned")).isNull();
    }

    @Test
    void theEditorAndTheMailPageAreForAdministratorsOnly() throws Exception {
        List<String> pages = List.of("/admin/policies", "/admin/policies/new", "/admin/mail");
        browser.signIn(lead, PASSWORD);
        for (String page : pages) {
            browser.open(page);
            assertThat(browser.text()).doesNotContain("New policy", "Mail settings", "Save");
            assertThat(statusWithThisSession(page)).isEqualTo(403);
        }
        browser.signIn(admin, PASSWORD);
        for (String page : pages) {
            assertThat(statusWithThisSession(page)).isEqualTo(200);
        }
    }

    /** The HTTP status of a page fetched with the browser's session cookie, which the browser does not tell. */
    private int statusWithThisSession(String page) throws Exception {
        var cookie = browser.driver().manage().getCookieNamed("COUNTERSIGN_SESSION");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
                .header("Cookie", "COUNTERSIGN_SESSION=" + cookie.getValue())
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theMailPageSavesSettingsWithoutEverShowingThePassword() {
        String secret = "smtp-secret-" + Api.unique("pw");
        browser.signIn(admin, PASSWORD);
        browser.open("/admin/mail");
        type("smtpHost", "127.0.0.1");
        type("smtpPort", "1");
        new Select(browser.field("smtpSecurity")).selectByValue("NONE");
        type("smtpUsername", "mailer");
        type("smtpPassword", secret);
        type("smtpFrom", "countersign@example.com");
        type("instanceName", HOSTILE.substring(0, 60));
        browser.clickButton("Save mail settings");

        assertThat(browser.text()).contains("The mail settings are saved.", "A password is stored");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        assertThat(value("smtpPassword")).isEmpty();
        assertThat(value("instanceName")).isEqualTo(HOSTILE.substring(0, 60));
        assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
        assertThat(mail.current().smtp().password()).isEqualTo(secret);

        type("smtpUsername", "mailer2");
        browser.clickButton("Save mail settings");
        assertThat(mail.current().smtp().username()).isEqualTo("mailer2");
        assertThat(mail.current().smtp().password()).isEqualTo(secret);

        type("smtpPort", "not a port");
        browser.clickButton("Save mail settings");
        assertThat(browser.field("error-smtp.port").getText()).contains("port");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);

        browser.open("/admin/mail");
        type("to", "ops@example.com");
        browser.clickButton("Send a test mail");
        assertThat(browser.field("check").getAttribute("role")).isEqualTo("alert");
        assertThat(browser.field("check").getText()).startsWith("No test mail was sent to ops@example.com");
        assertThat(browser.field("check-smtp").getText())
                .startsWith("SMTP failed: ")
                .hasSizeGreaterThan(15);
        assertThat(browser.field("check-imap").getText())
                .isEqualTo("IMAP: not tried, as no IMAP server is configured; one is needed only to approve by mail.");
    }

    @Test
    void theMailPageReportsEveryProblemAtOnce() {
        browser.signIn(admin, PASSWORD);
        browser.open("/admin/mail");
        type("smtpHost", "smtp.example.com");
        type("smtpPort", "99999x");
        type("smtpFrom", "not an address <x");
        type("imapHost", "imap.example.com");
        type("imapPort", "-5");
        type("approveKeywords", "Granted, no, two words");
        browser.clickButton("Save mail settings");

        assertThat(browser.field("problems").getText()).contains("Nothing was saved: 4 fields need a change.");
        assertThat(browser.field("error-smtp.port").getText()).contains("port");
        assertThat(browser.field("error-smtp.from").getText()).contains("mail address");
        assertThat(browser.field("error-imap.port").getText()).contains("between 1 and 65535");
        assertThat(browser.field("smtpPort").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.field("smtpPort").getAttribute("aria-describedby")).isEqualTo("error-smtp.port");
        assertThat(browser.field("smtpHost").getAttribute("aria-invalid")).isNull();
        // naming every one of them, so that a screen reader reads them all
        assertThat(browser.field("approveKeywords").getAttribute("aria-describedby"))
                .isEqualTo("error-approveKeywords error-approveKeywords-2");
        // each of a field's messages is an element of its own, and no two share an id
        assertThat(browser.driver().findElements(By.id("error-approveKeywords")))
                .hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("[id^='error-approveKeywords']")))
                .extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("a word that rejects"))
                .anySatisfy(text -> assertThat(text).contains("a single word"));
        assertThat(value("smtpPort")).isEqualTo("99999x");
        assertThat(mail.current().smtp() == null
                        || !mail.current().smtp().host().equals("smtp.example.com"))
                .as("nothing is saved")
                .isTrue();
    }

    private void type(String name, String text) {
        WebElement field = browser.driver().findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
    }

    private String value(String name) {
        return browser.driver().findElement(By.name(name)).getAttribute("value");
    }
}
