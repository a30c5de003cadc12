package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
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
}
