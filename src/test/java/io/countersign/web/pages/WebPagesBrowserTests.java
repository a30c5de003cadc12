package io.countersign.web.pages;

import static io.countersign.web.pages.BrowserScene.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The pages in a real headless Chromium against the running service: people sign in, decide and
 * follow their requests; {@link BrowserScene} sets the scene.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesBrowserTests {

    static final String HOSTILE = "<script>window.pwned=1</script>\"><img src=x onerror=window.pwned=2>";

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    Api api;

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
    void twoApproversApproveFromMyApprovalsAndTheRequesterSeesAndEndsTheGrant() {
        String id = scene.request("Deploy the hotfix");

        browser.signIn(scene.requester, PASSWORD);
        assertThat(browser.text()).contains("My requests", id, "PENDING");

        browser.signIn(scene.lead, PASSWORD);
        browser.open("/approvals");
        assertThat(browser.text()).contains("Deploy the hotfix", "Lead review");
        browser.keepPicture("my-approvals.png");
        browser.click("Approve " + id);
        assertThat(browser.text()).contains("Approved.", "Nothing waits on you.");

        browser.signIn(scene.security, PASSWORD);
        browser.open("/approvals");
        browser.click("Approve " + id);
        assertThat(browser.text()).contains("Approved.");

        browser.open("/requests/" + id);
        assertThat(browser.text())
                .contains("APPROVED")
                .containsPattern("Approved by " + scene.lead + " at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC via WEB")
                .containsPattern(
                        "Approved by " + scene.security + " at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC via WEB");

        browser.signIn(scene.requester, PASSWORD);
        assertThat(browser.text()).contains("APPROVED", "ACTIVE", "1 hour remaining");
        browser.click("End my access from " + id);
        assertThat(browser.text()).contains("Access ended.", "REVOKED");
    }

    @Test
    void eachCancelButtonNamesTheRequestItCancels() {
        String first = scene.request("First reason");
        String second = scene.request("Second reason");

        browser.signIn(scene.requester, PASSWORD);
        browser.click("Cancel " + second);

        assertThat(browser.text()).contains("Cancelled.");
        assertThat(api.status(first)).isEqualTo("PENDING");
        assertThat(api.status(second)).isEqualTo("CANCELLED");
    }

    @Test
    void aRejectionNeedsACommentAndShowsIt() {
        String id = scene.request("Look at the logs");
        browser.signIn(scene.lead, PASSWORD);
        browser.open("/requests/" + id);
        // past the browser's own check, the service refuses a rejection without a comment
        browser.driver().executeScript("document.getElementById('reject-comment').removeAttribute('required')");
        browser.clickButton("Reject");
        assertThat(browser.text()).contains("Say why you reject.");
        assertThat(api.as(scene.requesterToken)
                        .get("/api/v1/requests/" + id)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");

        browser.field("reject-comment").sendKeys("Not during the freeze");
        browser.clickButton("Reject");
        assertThat(browser.text())
                .contains("Rejected.", "REJECTED", "Rejected by " + scene.lead, "Not during the freeze");
    }

    @Test
    void aReasonAsLongAsTheFieldAllowsWithLineBreaksRejectsFromMyApprovals() {
        String id = scene.request("Read the audit trail");
        browser.signIn(scene.lead, PASSWORD);
        browser.open("/approvals");
        // the browser counts each line break as one character, and sends it as two (CR LF)
        browser.field("reject-comment-" + id).sendKeys(FormLineBreaksTests.TYPED + "beyond the limit");
        assertThat(browser.field("reject-comment-" + id).getDomProperty("value"))
                .isEqualTo(FormLineBreaksTests.TYPED);

        browser.click("Reject " + id);

        assertThat(browser.text()).contains("Rejected.");
        assertThat(api.as(scene.requesterToken)
                        .get("/api/v1/requests/" + id)
                        .json()
                        .get("decisions")
                        .get(0)
                        .get("comment")
                        .asString())
                .isEqualTo(FormLineBreaksTests.TYPED);
    }

    @Test
    void theRequestPageSaysWhyIMayNotDecide() {
        String id = scene.request("Rotate keys");
        browser.signIn(scene.security, PASSWORD);
        browser.open("/requests/" + id);
        assertThat(browser.field("why-not").getText()).isEqualTo("You are not an approver of the current step.");
        assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Approve']")))
                .isEmpty();

        browser.signIn(scene.requester, PASSWORD);
        browser.open("/requests/" + id);
        assertThat(browser.field("why-not").getText())
                .isEqualTo("This is your own request; somebody else must decide it.");
        assertThat(browser.text()).contains("Waiting on: " + scene.lead);
    }

    @Test
    void aLinkFromAnApprovalMailLandsOnTheRequestAfterSignIn() {
        String id = scene.request("Linked from mail");
        browser.driver().manage().deleteAllCookies();
        browser.open("/requests/" + id);
        assertThat(browser.path()).isEqualTo("/login");
        browser.submitSignIn(scene.lead, PASSWORD);
        assertThat(browser.path()).startsWith("/requests/" + id);
        assertThat(browser.text()).contains("Linked from mail", "Your decision");
    }

    @Test
    void anotherUsersRequestIsNotFound() {
        String id = scene.request("Private");
        String stranger = scene.person("mallory");
        browser.signIn(stranger, PASSWORD);
        browser.open("/requests/" + id);
        assertThat(browser.text()).contains("Not found").doesNotContain("Private");
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount() {
        String victim = scene.person("victim");
        browser.signIn(victim, "not the password");
        assertThat(browser.text()).contains("Wrong username or password.");
        for (int i = 0; i < 4; i++) {
            browser.submitSignIn(victim, "guess " + i);
        }
        browser.submitSignIn(victim, PASSWORD);
        assertThat(browser.text()).contains("Too many failed sign-ins.");
        assertThat(browser.path()).startsWith("/login");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        browser.signIn(scene.requester, PASSWORD);
        var cookie = browser.driver().manage().getCookieNamed("COUNTERSIGN_SESSION");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        String id = scene.request("Forged");
        browser.signIn(scene.lead, PASSWORD);
        browser.open("/requests/" + id);
        var page = browser.driver().findElement(By.tagName("html"));
        browser.driver()
                .executeScript(
                        "var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                                + " document.body.appendChild(f); f.submit();",
                        "/requests/" + id + "/approve");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
        assertThat(browser.text()).doesNotContain("Approved.");
        // the lead's approval was not counted: the request still waits on them
        browser.open("/approvals");
        assertThat(browser.driver().findElements(By.cssSelector("[aria-label='Approve " + id + "']")))
                .hasSize(1);
    }

    @Test
    void whatPeopleTypedIsShownAsText() {
        String id = scene.request(HOSTILE);
        browser.signIn(scene.lead, PASSWORD);
        for (String page : List.of("/approvals", "/requests/" + id)) {
            browser.open(page);
            assertThat(browser.text()).contains(HOSTILE);
            assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.driver().executeScript("return window.pwned")).isNull();
        }
        browser.field("reject-comment").sendKeys(HOSTILE);
        browser.clickButton("Reject");
        browser.signIn(scene.requester, PASSWORD);
        for (String page : List.of("/", "/requests/" + id)) {
            browser.open(page);
            assertThat(browser.text()).contains(HOSTILE);
            assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.driver().executeScript("return window.pwned")).isNull();
        }
    }

    @Test
    void theProfileChangesMyPasswordAndRevokesMyTokens() {
        browser.signIn(scene.requester, PASSWORD);
        browser.open("/profile");
        assertThat(browser.text()).contains("laptop");
        browser.click("Revoke token laptop");
        assertThat(browser.text()).contains("Revoke your token laptop?", "Keep it");
        api.as(scene.requesterToken).get("/api/v1/users/" + scene.requester).expect(200);
        browser.clickButton("Revoke the token");
        assertThat(browser.text()).contains("The token is revoked.", "You have no API tokens.");
        api.as(scene.requesterToken).get("/api/v1/users/" + scene.requester).expect(401);

        browser.field("current").sendKeys(PASSWORD);
        browser.field("new").sendKeys("my fresh new password");
        browser.field("repeated").sendKeys("my fresh new password");
        browser.clickButton("Change password");
        assertThat(browser.text()).contains("Your password is changed.");
        browser.signIn(scene.requester, PASSWORD);
        assertThat(browser.text()).contains("Wrong username or password.");
        browser.signIn(scene.requester, "my fresh new password");
        assertThat(browser.text()).contains("My requests");
    }
}
