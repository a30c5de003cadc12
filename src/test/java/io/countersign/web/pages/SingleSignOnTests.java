package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.SingleSignOnProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponentsBuilder;

/** Signing in through the provider: who is matched, created or refused, and what is audited. */
@ExtendWith(OutputCaptureExtension.class)
class SingleSignOnTests extends SingleSignOnPagesTestBase {

    @Test
    void theSignInPageOffersSingleSignOn() {
        String page = new Visitor().open(BASE + "/login").body();
        assertThat(page).contains("Sign in with single sign-on").contains("href=\"/oauth2/authorization/oidc\"");
    }

    @Test
    void aFirstSignInCreatesTheUserThroughTheCodeFlowWithPkceAndJoinsTheClaimedGroups() {
        String ops = directory.group(List.of());
        String username = Api.unique("sam");
        providerSays(claims(username, List.of(ops.toUpperCase(), "no-such-group")));

        Visitor browser = new Visitor();
        HttpResponse<String> landed = browser.open(BASE + "/oauth2/authorization/oidc");

        URI authorization = browser.visited().get(1);
        assertThat(authorization.toString())
                .startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString())
                .contains("code_challenge=")
                .contains("code_challenge_method=S256")
                .contains("nonce=");
        assertThat(authorization.getQuery()).containsPattern("(^|&)scope=openid profile email(&|$)");
        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/"));
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains(username);

        var user = api.asAdmin().get("/api/v1/users/" + username).expect(200).json();
        assertThat(user.get("role").asString()).isEqualTo("USER");
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(directory.members(ops)).containsExactly(username);
        api.asAdmin().get("/api/v1/groups/no-such-group").expect(404);
    }

    @Test
    void anExistingUserIsMatchedByTheUsernameClaimAndTheirGroupsFollowTheClaim() {
        String username = directory.person(true);
        String kept = directory.group(List.of(username));
        String left = directory.group(List.of(username));
        String joined = directory.group(List.of());
        providerSays(claims(username.toUpperCase(), List.of(kept, joined)));

        Visitor browser = new Visitor();
        assertThat(browser.open(BASE + "/oauth2/authorization/oidc").body()).contains(username);
        for (String page : List.of("/", "/approvals", "/profile")) {
            assertThat(browser.open(BASE + page).statusCode()).as(page).isEqualTo(200);
        }

        assertThat(directory.members(kept)).containsExactly(username);
        assertThat(directory.members(joined)).containsExactly(username);
        assertThat(directory.members(left)).isEmpty();
    }

    @Test
    void aUserWithoutAPasswordIsToldSoOnTheProfileAndOfferedNoFormThatCannotSucceed() {
        String username = Api.unique("nopass");
        Visitor browser = new Visitor();
        signOn(browser, username);

        HttpResponse<String> profile = browser.open(BASE + "/profile");

        assertThat(profile.body())
                .contains("You have no password")
                .contains("ask an administrator to set one")
                .doesNotContain("action=\"/profile/password\"");
        HttpResponse<String> tried = browser.post(
                BASE + "/profile",
                BASE + "/profile/password",
                "current=anything&new=a+long+new+password&repeated=a+long+new+password");
        assertThat(tried.statusCode()).isEqualTo(400);
        assertThat(tried.body()).contains("You have no password to change.");
    }

    @Test
    void anExistingUserIsMatchedByTheirVerifiedEmailWhenNoUserHasTheClaimedName() {
        String username = directory.person(true);
        String claimed = Api.unique("upn");
        Map<String, Object> claims = claims(claimed, List.of());
        claims.put("email", username + "@example.com");
        providerSays(claims);

        assertThat(new Visitor().open(BASE + "/oauth2/authorization/oidc").body())
                .contains(username);
        api.asAdmin().get("/api/v1/users/" + claimed).expect(404);
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=user.signed_in&actor=" + username)
                        .expect(200)
                        .json()
                        .get("items")
                        .get(0)
                        .get("note")
                        .asString())
                .isEqualTo("single sign-on: subject '" + SingleSignOnProvider.subjectOf(claimed)
                        + "', matched by the verified e-mail address");
    }

    @Test
    void anEmailMarkedVerifiedInWordsRatherThanAsTrueMatchesNobody() {
        String username = directory.person(true);
        String claimed = Api.unique("upn");
        Map<String, Object> claims = claims(claimed, List.of());
        claims.put("email", username + "@example.com");
        claims.put("email_verified", "true");
        providerSays(claims);

        HttpResponse<String> landed = new Visitor().open(BASE + "/oauth2/authorization/oidc");

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=unverified_email"));
        api.asAdmin().get("/api/v1/users/" + claimed).expect(404);
    }

    @Test
    void aMethodASingleSignOnAddressDoesNotTakeIsAnswered405AndStartsNothing() {
        Map<String, List<String>> refused = Map.of(
                "/oauth2/authorization/oidc", List.of("POST", "PUT", "DELETE", "TRACE"),
                "/login/oauth2/code/oidc", List.of("POST", "PUT", "DELETE"),
                "/logout/connect/back-channel/oidc", List.of("GET", "HEAD", "PUT", "DELETE", "TRACE"));
        Map<String, String> allowed = Map.of(
                "/oauth2/authorization/oidc", "GET, HEAD, OPTIONS",
                "/login/oauth2/code/oidc", "GET, HEAD, OPTIONS",
                "/logout/connect/back-channel/oidc", "OPTIONS, POST");

        refused.forEach((path, methods) -> methods.forEach(method -> {
            HttpResponse<String> answered = new Visitor().ask(method, BASE + path);
            assertThat(answered.statusCode()).as(method + " " + path).isEqualTo(405);
            assertThat(answered.headers().firstValue("Allow"))
                    .as(method + " " + path)
                    .contains(allowed.get(path));
        }));
        allowed.forEach((path, methods) -> {
            HttpResponse<String> options = new Visitor().ask("OPTIONS", BASE + path);
            assertThat(options.statusCode()).as("OPTIONS " + path).isEqualTo(200);
            assertThat(options.headers().firstValue("Allow"))
                    .as("OPTIONS " + path)
                    .contains(methods);
            assertThat(options.headers().firstValue("Location"))
                    .as("OPTIONS " + path)
                    .isEmpty();
            assertThat(options.headers().firstValue("Set-Cookie"))
                    .as("OPTIONS " + path)
                    .isEmpty();
        });
    }

    @Test
    void aSingleSignOnIsAuditedWithTheUserTheAddressAndTheMethod() {
        String username = directory.person(true);
        assertThat(signOn(new Visitor(), username).body()).contains(username);

        var signedIn = api.asAdmin()
                .get("/api/v1/audit?action=user.signed_in&actor=" + username)
                .expect(200)
                .json()
                .get("items");
        assertThat(signedIn.size()).isEqualTo(1);
        assertThat(signedIn.get(0).get("note").asString())
                .isEqualTo("single sign-on: subject '" + SingleSignOnProvider.subjectOf(username)
                        + "', matched by the username claim");
        assertThat(signedIn.get(0).get("channel").asString()).isEqualTo("WEB");
        assertThat(signedIn.get(0).get("sourceAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void anUnverifiedEmailWithoutAUsernameSignsNobodyInAndCreatesNobody() {
        String username = directory.person(true);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", username + "@example.com");
        claims.put("email_verified", false);
        providerSays(claims);

        Visitor browser = new Visitor();
        HttpResponse<String> landed = browser.open(BASE + "/oauth2/authorization/oidc");

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=unusable_account"));
        assertThat(browser.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        api.asAdmin().get("/api/v1/users/" + username + "@example.com").expect(404);
    }

    @Test
    void aUsernameClaimWithALineBreakOrAWideSpaceSignsNobodyInAndIsAudited() {
        String username = directory.person(true);
        for (String claimed : List.of(username + "\n", username + "\t", " " + username, "\u3000" + username)) {
            Map<String, Object> claims = claims(claimed, List.of());
            claims.put("email", Api.unique("other") + "@example.com");
            // a subject of its own: one with the claim's line break would be refused for that first
            sso.saysAs(SingleSignOnProvider.subjectOf(username), claims);

            HttpResponse<String> landed = new Visitor().open(BASE + "/oauth2/authorization/oidc");

            assertThat(landed.uri()).as(claimed).isEqualTo(URI.create(BASE + "/login?sso=unusable_account"));
        }
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=user.signed_in&actor=" + username)
                        .expect(200)
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void aNewPersonWithoutAVerifiedEmailIsToldWhyNoUserWasCreated() {
        String username = Api.unique("newcomer");
        Map<String, Object> claims = claims(username, List.of());
        claims.put("email_verified", false);
        providerSays(claims);

        HttpResponse<String> landed = new Visitor().open(BASE + "/oauth2/authorization/oidc");

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=unverified_email"));
        assertThat(landed.body()).contains("gives no verified e-mail address");
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
    }

    @Test
    void aDeactivatedUserIsRefusedWithAReadableMessageAndTheRefusalIsAudited(CapturedOutput log) {
        String username = directory.person(false);
        Visitor browser = new Visitor();
        HttpResponse<String> landed = signOn(browser, username);

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=inactive_user"));
        assertThat(landed.body()).contains("Your Countersign user is deactivated.");
        assertThat(browser.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=user.sign_in_refused")
                        .expect(200)
                        .body())
                .contains("user:" + username)
                .contains("single sign-on: the user is deactivated (subject '"
                        + SingleSignOnProvider.subjectOf(username) + "', matched by the username claim)");
        assertThat(log.getOut())
                .contains("Single sign-on did not succeed (inactive_user): [inactive_user] the user is deactivated"
                        + " (subject '" + SingleSignOnProvider.subjectOf(username)
                        + "', matched by the username claim)");
    }

    @Test
    void aRefusedSingleSignOnIsAuditedWithItsCodeAsTheReasonAndItsExplanationAsTheNote() {
        String username = directory.person(false);
        signOn(new Visitor(), username);

        var audited = api.asAdmin()
                .get("/api/v1/audit?limit=500&action=user.sign_in_refused")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(item -> item.get("target").asString().equals("user:" + username))
                .toList();

        assertThat(audited).singleElement().satisfies(item -> {
            assertThat(item.get("reason").asString()).isEqualTo("inactive_user");
            assertThat(item.get("note").asString())
                    .isEqualTo("single sign-on: the user is deactivated (subject '"
                            + SingleSignOnProvider.subjectOf(username) + "', matched by the username claim)");
        });
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        String username = Api.unique("mallory");
        Map<String, Object> claims = claims(username, List.of());
        claims.put("iss", provider.issuerUrl("elsewhere").toString());
        providerSays(claims);

        HttpResponse<String> landed = new Visitor().open(BASE + "/oauth2/authorization/oidc");

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=failed"));
        assertThat(landed.body()).contains("Single sign-on did not succeed.");
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
    }

    @Test
    void aProvidersErrorDescriptionCannotForgeALineInTheLog(CapturedOutput log) {
        Visitor browser = new Visitor();
        String authorization = browser.ask("GET", BASE + "/oauth2/authorization/oidc")
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String state = UriComponentsBuilder.fromUriString(authorization)
                .build()
                .getQueryParams()
                .getFirst("state");

        HttpResponse<String> landed = browser.open(BASE + "/login/oauth2/code/oidc?error=access_denied&state=" + state
                + "&error_description=x%0a2026-01-01T00:00:00.000Z%20ERROR%20FORGED%20LINE%0d%e2%80%a8end");

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=failed"));
        assertThat(log.getOut()).contains("Single sign-on did not succeed (failed): [access_denied]");
        assertThat(log.getOut().lines()).noneMatch(line -> line.startsWith("2026-01-01T00:00:00.000Z"));
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() {
        String username = Api.unique("trudy");
        Map<String, Object> claims = claims(username, List.of());
        claims.put("aud", List.of("another-client"));
        providerSays(claims);

        HttpResponse<String> landed = new Visitor().open(BASE + "/oauth2/authorization/oidc");

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/login?sso=failed"));
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
    }
}
