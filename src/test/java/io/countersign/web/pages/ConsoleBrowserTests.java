package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The API console in a real headless Chromium, under its content policy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class ConsoleBrowserTests {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @AfterEach
    void closeBrowser() throws IOException {
        browser.close();
    }

    @Test
    void theConsoleShowsTheOperationsWithoutBreakingItsContentPolicy() {
        // before any page loads: the token the console would ask for, and a record of every refusal
        browser.driver()
                .executeCdpCommand(
                        "Page.addScriptToEvaluateOnNewDocument",
                        Map.of(
                                "source",
                                "window.sessionStorage.setItem('countersign-token', '" + Api.ADMIN_TOKEN + "');"
                                        + "window.refused = [];"
                                        + "document.addEventListener('securitypolicyviolation', e =>"
                                        + " window.refused.push(e.violatedDirective + ' ' + e.blockedURI));"));

        browser.at(port).open("/console");
        // the console's script renders the whole API description, which takes long on a loaded machine
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());

        assertThat(browser.text()).contains("Countersign API", "/api/v1/requests");
        assertThat(browser.driver().findElements(By.cssSelector(".opblock"))).hasSizeGreaterThan(10);
        assertThat((List<?>) browser.driver().executeScript("return window.refused"))
                .as("content policy violations")
                .isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("img[src*='validator']")))
                .isEmpty();
    }

    /**
     * Before any page loads, on every page: a record of every content policy refusal, and a prompt
     * that answers as a person cancelling it would; {@code firstToken} is in the tab once, as if typed
     * at the first visit.
     */
    private void beforeEachPage(String firstToken) {
        browser.driver()
                .executeCdpCommand(
                        "Page.addScriptToEvaluateOnNewDocument",
                        Map.of(
                                "source",
                                "if (!window.sessionStorage.getItem('seeded')) {"
                                        + " window.sessionStorage.setItem('seeded', 'yes');"
                                        + (firstToken == null
                                                ? ""
                                                : " window.sessionStorage.setItem('countersign-token', '" + firstToken
                                                        + "');")
                                        + " }"
                                        + "window.prompt = () => null;"
                                        + "window.refused = [];"
                                        + "document.addEventListener('securitypolicyviolation', e =>"
                                        + " window.refused.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    private WebElement tokenForm() {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(d -> d.findElements(By.id("countersign-token-form")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void aRefusedTokenIsForgottenAndAnotherOneLoadsTheConsole() {
        beforeEachPage("cs_mistyped");

        browser.at(port).open("/console");
        WebElement form = tokenForm();

        assertThat(form.getText()).contains("401");
        assertThat(browser.driver().executeScript("return window.sessionStorage.getItem('countersign-token')"))
                .isNull();

        browser.field("countersign-token").sendKeys(Api.ADMIN_TOKEN);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());

        assertThat(browser.driver().findElements(By.id("countersign-token-form")))
                .isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("button.authorize")))
                .isNotEmpty();
        assertThat((List<?>) browser.driver().executeScript("return window.refused"))
                .as("content policy violations")
                .isEmpty();
    }

    @Test
    void aCancelledPromptLeavesAFormToGiveTheToken() {
        beforeEachPage(null);

        browser.at(port).open("/console");

        assertThat(tokenForm().getText()).contains("Enter an API token");
        assertThat((List<?>) browser.driver().executeScript("return window.refused"))
                .as("content policy violations")
                .isEmpty();
    }
}
