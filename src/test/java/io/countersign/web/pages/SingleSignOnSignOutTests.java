package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.web.util.UriComponentsBuilder;

/** Signing out, here and at the provider, and sessions the service ends, beside password sign-in. */
class SingleSignOnSignOutTests extends SingleSignOnPagesTestBase {

    @Test
    void signingOutEndsTheSessionHereAndAtTheProvider() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        signOn(browser, username);

        HttpResponse<String> landed = browser.post(BASE + "/", BASE + "/logout", "");

        URI endSession = browser.visited().get(1);
        assertThat(endSession.toString())
                .startsWith(provider.endSessionEndpointUrl(ISSUER_ID).toString())
                .contains("id_token_hint=");
        assertThat(UriComponentsBuilder.fromUri(endSession)
                        .build()
                        .getQueryParams()
                        .getFirst("post_logout_redirect_uri"))
                .isIn(BASE + "/login?signedOut", BASE + "/login%3FsignedOut");
        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?signedOut"));
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("You are signed out.");
        assertThat(browser.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(signOutNotes(username)).containsExactly("single sign-on: they signed out");
    }

    @Test
    void aDeactivationUndoneBeforeTheNextPageStillSignsTheSessionOut() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        assertThat(signOn(browser, username).body()).contains(username);

        Map<String, Object> user = new LinkedHashMap<>(
                Map.of("username", username, "email", username + "@example.com", "role", "USER", "active", false));
        api.asAdmin().put("/api/v1/users/" + username, Api.json(user)).expect(200);
        user.put("active", true);
        api.asAdmin().put("/api/v1/users/" + username, Api.json(user)).expect(200);

        assertThat(browser.open(BASE + "/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void passwordSignInAndSignOutWorkBesideIt() {
        Visitor browser = new Visitor();
        HttpResponse<String> signedIn =
                browser.post(BASE + "/login", BASE + "/login", "username=admin&password=test-admin-password");
        assertThat(signedIn.uri()).isEqualTo(URI.create(BASE + "/"));
        assertThat(signedIn.body()).contains("admin");

        HttpResponse<String> signedOut = browser.post(BASE + "/", BASE + "/logout", "");

        assertThat(browser.visited())
                .noneMatch(address -> address.getPort() == provider.baseUrl().port());
        assertThat(signedOut.uri()).isEqualTo(URI.create(BASE + "/login?signedOut"));
        assertThat(signOutNotes("admin")).contains("password: they signed out");
    }

    @Test
    void inARealBrowserTheButtonSignsInAndSignOutEndsTheProvidersSessionToo() throws Exception {
        String username = directory.person(true);
        providerSays(claims(username, List.of()));
        try (Browser browser = new Browser().at(PORT)) {
            browser.open("/login");
            browser.driver()
                    .findElement(By.linkText("Sign in with single sign-on"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(BASE + "/"));
            assertThat(browser.text()).contains(username);

            // the form's redirect to the provider must be allowed by the page's form-action
            browser.clickButton("Sign out");

            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(ExpectedConditions.urlToBe(BASE + "/login?signedOut"));
            assertThat(browser.text()).contains("You are signed out.");
            browser.open("/");
            assertThat(browser.path()).startsWith("/login");
        }
    }
}
