package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.FakePlatform;
import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The administration pages in a real headless Chromium: an administrator builds a user, a group and
 * a resource, revokes a token and configures a chat channel by hand; anyone else is shown the 403
 * page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesBrowserTests {

    static final String PASSWORD = "a long enough password";
    static final String HOSTILE = "<script>window.pwned=1</script>\"><img src=x onerror=window.pwned=2>";

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @BeforeEach
    void at() {
        browser.at(port);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        browser.close();
    }

    @Test
    void anAdministratorCreatesAUserAGroupAndAResourceAndRevokesAToken() {
        String user = Api.unique("newcomer");
        String group = Api.unique("team");
        String resource = Api.unique("prod-db");
        browser.signIn("admin", "test-admin-password");

        browser.submit(browser.driver().findElement(By.linkText("Administration")));
        browser.submit(browser.driver().findElement(By.linkText("Users")));
        browser.submit(browser.driver().findElement(By.linkText("Create a user")));
        type("username", user);
        type("email", user + "@example.com");
        type("displayName", HOSTILE);
        new Select(browser.field("role")).selectByValue("USER");
        type("password", PASSWORD);
        browser.clickButton("Create user");
        assertThat(browser.text()).contains("User " + user + " is created.");
        assertThat(browser.field("displayName").getAttribute("value")).isEqualTo(HOSTILE);
        assertThat(browser.driver().executeScript("return window.pwned === undefined"))
                .isEqualTo(true);

        browser.open("/admin/groups/new");
        type("name", group);
        type("members", user);
        browser.clickButton("Create group");
        assertThat(browser.text()).contains("Group " + group + " is created.");
        browser.open("/admin/groups");
        assertThat(browser.text()).contains(group, user);

        browser.open("/admin/resources/new");
        type("name", "Bad Name!");
        browser.clickButton("Create resource");
        assertThat(browser.field("accounts-error").getText()).contains("at least one privileged account");
        assertThat(browser.field("name-error").getText()).isNotBlank();
        browser.field("name").clear();
        type("name", resource);
        new Select(browser.field("type")).selectByValue("database");
        type("accounts", "root, readonly");
        type("groups", group);
        type("labels", "env=prod");
        browser.clickButton("Create resource");
        assertThat(browser.text()).contains("Resource " + resource + " is created.");

        String secret = api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "laptop")))
                .expect(201)
                .json()
                .get("token")
                .asString();
        browser.open("/admin/tokens");
        assertThat(browser.text()).contains("laptop", user).doesNotContain(secret);
        browser.click("Revoke token laptop of " + user);
        assertThat(browser.text()).contains("Revoke token", "of " + user + "?");
        api.as(secret).get("/api/v1/users/" + user).expect(200);
        browser.clickButton("Revoke the token");
        assertThat(browser.text()).contains("The token is revoked.");
        api.as(secret).get("/api/v1/users/" + user).expect(401);
    }

    @Test
    void anAdministratorAddsASlackChannelSeesItsTestRefusedByThePlatformAndDeletesIt() throws IOException {
        try (FakePlatform slack = new FakePlatform()) {
            slack.answer("/chat.postMessage", 200, "{\"ok\":false,\"error\":\"not_in_channel\"}");
            String name = Api.unique("ops");
            browser.signIn("admin", "test-admin-password");

            browser.open("/admin");
            browser.submit(browser.driver().findElement(By.linkText("Chat channels")));
            browser.submit(browser.driver().findElement(By.linkText("Add a channel")));
            type("name", name);
            new Select(browser.field("type")).selectByValue("SLACK");
            type("botToken", "xoxb-typed-in-the-browser");
            browser.clickButton("Add channel");
            assertThat(browser.field("signingSecret-error").getText()).contains("must be given");
            assertThat(browser.field("channel-error").getText()).contains("channel to post to");
            assertThat(browser.field("botToken").getAttribute("value")).isEmpty();

            type("botToken", "xoxb-typed-in-the-browser");
            type("signingSecret", "signing-typed-in-the-browser");
            type("channel", HOSTILE);
            type("apiBaseUrl", slack.url());
            browser.clickButton("Add channel");
            assertThat(browser.text())
                    .contains("Channel " + name + " is created.", "channel " + HOSTILE)
                    .doesNotContain("xoxb-typed-in-the-browser", "signing-typed-in-the-browser");
            assertThat(browser.driver().executeScript("return window.pwned === undefined"))
                    .isEqualTo(true);

            browser.click("Send a test message through channel " + name);
            assertThat(browser.text()).contains("The platform said: Slack chat.postMessage: not_in_channel");
            assertThat(slack.seen("/chat.postMessage").get(0).header("Authorization"))
                    .isEqualTo("Bearer xoxb-typed-in-the-browser");

            browser.click("Delete channel " + name);
            assertThat(browser.text()).contains("Delete channel " + name + "?", "Keep it");
            browser.clickButton("Delete the channel");
            assertThat(browser.text())
                    .contains("Channel " + name + " is deleted.")
                    .doesNotContain(HOSTILE);
        }
    }

    @Test
    void aUserSeesNoAdministrationLinkAndIsShownTheForbiddenPage() {
        String user = Api.unique("plain");
        Map<String, Object> body = io.countersign.directory.People.body(user, io.countersign.shared.Role.USER);
        body.put("password", PASSWORD);
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);

        browser.signIn(user, PASSWORD);
        assertThat(browser.driver().findElements(By.linkText("Administration"))).isEmpty();
        browser.open("/admin/users");

        assertThat(browser.text()).contains("Not allowed", "Nothing was changed");
        assertThat(browser.driver().getTitle()).isEqualTo("Not allowed - Countersign");
    }

    @Test
    void labelValuesThatDifferOnlyInSpacesLookDifferent() {
        String prefix = Api.unique("spaced");
        String wide = prefix + "-wide";
        String narrow = prefix + "-narrow";
        resourceLabelled(wide, "a  b");
        resourceLabelled(narrow, "a b");
        browser.signIn("admin", "test-admin-password");

        browser.open("/admin/resources");
        assertThat(labelsOf(wide)).isEqualTo("team=a  b");
        assertThat(labelsOf(narrow)).isEqualTo("team=a b");

        browser.open("/admin/policies/new");
        type("name", prefix);
        browser.field("priority").clear();
        type("priority", "100000");
        type("resourceName", prefix + "-*");
        type("labels", "team=a  b");
        type("steps[0].approvers.users", "admin");
        type("sampleResource", wide);
        type("sampleAccount", "admin");
        browser.clickButton("Check and preview");
        assertThat(browser.field("preview").findElements(By.tagName("li")).stream()
                        .map(reason -> reason.getText())
                        .toList())
                .contains("resource '" + wide + "' has the labels {team=a  b}");
    }

    private void resourceLabelled(String name, String team) {
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of(
                                "name",
                                name,
                                "type",
                                "database",
                                "accounts",
                                List.of("admin"),
                                "labels",
                                Map.of("team", team))))
                .expect(201);
    }

    /** The labels cell of a resource's row, as the browser renders it. */
    private String labelsOf(String resource) {
        return browser.driver()
                .findElement(By.xpath("//tr[td/a[text()='" + resource + "']]/td[5]"))
                .getText();
    }

    private void type(String id, String text) {
        browser.field(id).sendKeys(text);
    }
}
