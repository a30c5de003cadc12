package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What happens to a signed-in browser's session. A browser that calls the API with a token (the
 * console does, from the same address) sends its session cookie along: the token decides the call and
 * the session is left as it was, neither renamed nor given the token's role. A password changed or
 * reset signs out the user's other sessions; the one that changed it stays. A refused sign-in gives
 * the username typed back to the form, never the password.
 */
class PageSessionsTests extends ServedPagesTestBase {

    private static final String REPLACEMENT = "another long enough password";

    @Test
    void aWrongPasswordKeepsTheUsernameTypedButNeverThePassword() {
        String name = api.person("forgetful", "USER", PASSWORD);
        String wrong = "not the password at all";
        Visitor browser = new Visitor();

        HttpResponse<String> refused = browser.post(
                base + "/login",
                base + "/login",
                "username=" + name + "&password=" + URLEncoder.encode(wrong, StandardCharsets.UTF_8));

        assertThat(browser.visited().get(browser.visited().size() - 1).getQuery())
                .isEqualTo("error");
        assertThat(refused.body())
                .contains("Wrong username or password.", "value=\"" + name + "\"")
                .doesNotContain(wrong);
        assertThat(browser.open(base + "/login").body())
                .as("only the page right after the refusal is filled in")
                .doesNotContain("value=\"" + name + "\"");
    }

    @Test
    void aLockedOutSignInKeepsTheUsernameTypedToo() {
        String name = api.person("locky", "USER", PASSWORD);
        Visitor browser = new Visitor();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 7 && (refused == null || !refused.body().contains("Too many failed sign-ins")); i++) {
            refused = browser.post(base + "/login", base + "/login", "username=" + name + "&password=wrong-" + i);
        }

        refused = browser.post(base + "/login", base + "/login", "username=" + name + "&password=" + form(PASSWORD));

        assertThat(browser.visited().get(browser.visited().size() - 1).getQuery())
                .isEqualTo("locked");
        assertThat(refused.body()).contains("Too many failed sign-ins.", "value=\"" + name + "\"");
    }

    @Test
    void anApiCallWithATokenLeavesTheBrowsersSessionAlone() {
        String name = api.person("browsing", "USER", PASSWORD);
        Visitor user = Visitor.signedIn(base, name, PASSWORD);

        HttpResponse<String> call =
                user.ask("GET", base + "/api/v1/users?limit=1", "Authorization", "Bearer " + Api.ADMIN_TOKEN);

        assertThat(call.statusCode()).isEqualTo(200);
        // a new session id would sign out every other tab and call still holding the old one
        assertThat(call.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(user.ask("GET", base + "/requests/new").statusCode()).isEqualTo(200);
        // the administrator's token did not make the session an administrator's
        assertThat(user.ask("GET", base + "/admin/users").statusCode()).isEqualTo(403);
    }

    @Test
    void changingThePasswordSignsOutTheOtherSessionsButNotTheOneThatChangedIt() {
        String name = api.person("changing", "USER", PASSWORD);
        Visitor laptop = Visitor.signedIn(base, name, PASSWORD);
        Visitor phone = Visitor.signedIn(base, name, PASSWORD);

        HttpResponse<String> changed = laptop.post(
                base + "/profile",
                base + "/profile/password",
                "current=" + form(PASSWORD) + "&new=" + form(REPLACEMENT) + "&repeated=" + form(REPLACEMENT));

        assertThat(changed.body()).contains("Your password is changed.");
        assertThat(laptop.ask("GET", base + "/profile").statusCode()).isEqualTo(200);
        assertSentToSignIn(phone.ask("GET", base + "/profile"));
        assertThat(Visitor.signedIn(base, name, REPLACEMENT)
                        .ask("GET", base + "/profile")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPasswordResetByAnAdministratorSignsOutEverySessionOfTheUser() {
        String name = api.person("reset", "USER", PASSWORD);
        String other = api.person("bystander", "USER", PASSWORD);
        Visitor user = Visitor.signedIn(base, name, PASSWORD);
        Visitor bystander = Visitor.signedIn(base, other, PASSWORD);

        api.asAdmin()
                .put("/api/v1/users/" + name + "/password", Api.json(Map.of("new", REPLACEMENT)))
                .expect(204);

        assertSentToSignIn(user.ask("GET", base + "/profile"));
        assertThat(bystander.ask("GET", base + "/profile").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeactivationUndoneBeforeTheNextPageStillSignsTheBrowserOutForGood() {
        String name = api.person("rosa", "USER", PASSWORD);
        String other = api.person("bystander", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, name, PASSWORD);
        Visitor bystander = Visitor.signedIn(base, other, PASSWORD);

        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "USER", false)))
                .expect(200);
        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "USER", true)))
                .expect(200);

        assertSentToSignIn(browser.ask("GET", base + "/profile"));
        assertSentToSignIn(browser.ask("GET", base + "/profile"));
        assertThat(bystander.ask("GET", base + "/profile").statusCode()).isEqualTo(200);
        assertThat(Visitor.signedIn(base, name, PASSWORD)
                        .ask("GET", base + "/profile")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAdministratorDemotedAndPromotedBackIsSignedOutForGood() {
        String name = api.person("chief", "ADMIN", PASSWORD);
        Visitor browser = Visitor.signedIn(base, name, PASSWORD);
        assertThat(browser.ask("GET", base + "/admin/users").statusCode()).isEqualTo(200);

        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "USER", true)))
                .expect(200);
        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "ADMIN", true)))
                .expect(200);

        assertSentToSignIn(browser.ask("GET", base + "/admin/users"));
    }

    @Test
    void aDeactivationByTheAdministrationPageOrByABundleEndsTheSessionsAsThroughTheApi() {
        String name = api.person("paged", "USER", PASSWORD);
        String imported = api.person("imported", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, name, PASSWORD);
        Visitor importedBrowser = Visitor.signedIn(base, imported, PASSWORD);
        Visitor admin = Visitor.signedIn(base, api.person("keeper", "ADMIN", PASSWORD), PASSWORD);

        admin.post(base + "/admin/users/" + name + "/deactivate", base + "/admin/users/" + name + "/deactivate", "");
        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "USER", true)))
                .expect(200);
        api.asAdmin()
                .post("/api/v1/import", Api.json(Map.of("users", List.of(user(imported, "AUDITOR", true)))))
                .expect(200);
        api.asAdmin()
                .post("/api/v1/import", Api.json(Map.of("users", List.of(user(imported, "USER", true)))))
                .expect(200);

        assertSentToSignIn(browser.ask("GET", base + "/profile"));
        assertSentToSignIn(importedBrowser.ask("GET", base + "/profile"));
        assertThat(admin.ask("GET", base + "/admin/users").statusCode()).isEqualTo(200);
    }

    private static Map<String, Object> user(String name, String role, boolean active) {
        return Map.of("username", name, "email", name + "@example.com", "role", role, "active", active);
    }

    @Test
    void aFormSentAfterTheSessionEndedAsksToSignInAgainAndChangesNothing() {
        String name = api.person("idle", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, name, PASSWORD);
        String token = browser.csrfToken(base + "/profile");
        // the session ends under the open page, as after the idle timeout
        browser.post(base + "/profile", base + "/logout", "");

        HttpResponse<String> sent = changePassword(browser, token);

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?ended"));
        assertThat(browser.open(base + "/login?ended").body())
                .contains("Your session ended before the form was sent, so nothing was")
                .doesNotContain("Not allowed");
        assertThat(Visitor.signedIn(base, name, PASSWORD)
                        .ask("GET", base + "/profile")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aFormSentAfterARoleChangeEndedTheSessionSaysSoAndChangesNothing() {
        String name = api.person("switched", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, name, PASSWORD);
        String token = browser.csrfToken(base + "/profile");
        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "AUDITOR", true)))
                .expect(200);
        api.asAdmin()
                .put("/api/v1/users/" + name, Api.json(user(name, "USER", true)))
                .expect(200);

        HttpResponse<String> sent = changePassword(browser, token);

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?ended"));
        assertThat(Visitor.signedIn(base, name, PASSWORD)
                        .ask("GET", base + "/profile")
                        .statusCode())
                .as("the password the form would have changed still signs in")
                .isEqualTo(200);
    }

    @Test
    void aSignedInBrowserSendingAFormWithAForeignTokenIsStillRefused() {
        String name = api.person("forged", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, name, PASSWORD);

        HttpResponse<String> sent = browser.submit(
                base + "/profile/password",
                "_csrf=not-the-token&current=" + form(PASSWORD) + "&new=" + form(REPLACEMENT) + "&repeated="
                        + form(REPLACEMENT));

        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(Visitor.signedIn(base, name, PASSWORD)
                        .ask("GET", base + "/profile")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSignInFormWithoutTheTokenOfItsLiveSessionIsRefusedRatherThanCalledExpired() {
        String name = api.person("tokenless", "USER", PASSWORD);
        Visitor visitor = new Visitor();
        visitor.open(base + "/login");
        String anotherBrowsersToken = new Visitor().csrfToken(base + "/login");
        Visitor signedIn = Visitor.signedIn(base, name, PASSWORD);
        String credentials = "&username=" + name + "&password=" + form(PASSWORD);

        for (Visitor browser : List.of(visitor, signedIn)) {
            for (String fields :
                    List.of(credentials.substring(1), "_csrf=" + form(anotherBrowsersToken) + credentials)) {
                HttpResponse<String> sent = browser.submit(base + "/login", fields);

                assertThat(sent.statusCode()).as(fields).isEqualTo(403);
                assertThat(sent.body()).contains("<title>Not allowed").doesNotContain("expired");
            }
        }
    }

    private static void assertSentToSignIn(HttpResponse<String> seen) {
        assertThat(seen.statusCode()).isEqualTo(302);
        assertThat(seen.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    private HttpResponse<String> changePassword(Visitor browser, String token) {
        return browser.submit(
                base + "/profile/password",
                "_csrf=" + form(token) + "&current=" + form(PASSWORD) + "&new=" + form(REPLACEMENT) + "&repeated="
                        + form(REPLACEMENT));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
