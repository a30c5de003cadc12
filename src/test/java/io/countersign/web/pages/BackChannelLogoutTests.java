package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.security.SingleSignOnDirectory;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.SingleSignOnProvider;
import io.countersign.testing.TestClockConfiguration;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider ends sessions through the back channel: people sign in through a real OpenID provider
 * over HTTP, the provider's logout token is posted as the provider would (no cookie, no CSRF token),
 * and the browsers' next pages show whom it signed out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class BackChannelLogoutTests {

    static final SingleSignOnProvider provider = new SingleSignOnProvider();
    static final int PORT = SingleSignOnProvider.freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final String BACK_CHANNEL = BASE + "/logout/connect/back-channel/oidc";
    static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    String person;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        provider.start();
        registry.add("server.port", () -> PORT);
        provider.settingsFor(BASE).forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @BeforeEach
    void aPerson() {
        // the provider's tokens carry the real time; the service's clock is this test's
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        person = new SingleSignOnDirectory(api).person(true);
    }

    @Test
    void theProvidersLogoutTokenSignsThePersonOutAtTheirNextPageAndIsAudited() {
        Visitor browser = signedIn(person, "provider-session-1");

        HttpResponse<String> answered = backChannel(logoutToken(person, "provider-session-1"));

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(answered.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(browser.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        var audited = api.asAdmin()
                .get("/api/v1/audit?action=user.signed_out&actor=" + person)
                .expect(200)
                .json()
                .get("items");
        assertThat(audited.size()).isEqualTo(1);
        assertThat(audited.get(0).get("note").asString()).isEqualTo("single sign-on: the provider signed them out");
        assertThat(audited.get(0).get("target").asString()).isEqualTo("user:" + person);
    }

    @Test
    void aLogoutNamingAProviderSessionEndsThatSessionOnly() {
        Visitor ended = signedIn(person, "laptop");
        Visitor kept = signedIn(person, "phone");

        assertThat(backChannel(logoutToken(person, "laptop")).statusCode()).isEqualTo(200);

        assertThat(ended.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(kept.open(BASE + "/").body()).contains(person);
    }

    @Test
    void aLogoutNamingOnlyTheSubjectEndsEverySessionOfThatPersonAndNoOneElses() {
        Visitor laptop = signedIn(person, "laptop-" + person);
        Visitor phone = signedIn(person, "phone-" + person);
        String colleague = new SingleSignOnDirectory(api).person(true);
        Visitor theirs = signedIn(colleague, "desk-" + colleague);

        assertThat(backChannel(logoutToken(person, null)).statusCode()).isEqualTo(200);

        assertThat(laptop.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(phone.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(theirs.open(BASE + "/").body()).contains(colleague);
    }

    @Test
    void aPersonSignedInAgainAfterTheLogoutStaysSignedIn() {
        signedIn(person, "before-" + person);
        assertThat(backChannel(logoutToken(person, "before-" + person)).statusCode())
                .isEqualTo(200);

        Visitor again = signedIn(person, "after-" + person);

        assertThat(again.open(BASE + "/approvals").statusCode()).isEqualTo(200);
        assertThat(again.open(BASE + "/").body()).contains(person);
    }

    @Test
    void aLogoutEventWithMembersEndsTheSessionsAsAnEmptyOneDoes() {
        Visitor browser = signedIn(person, "reason-" + person);
        Map<String, Object> withReason = Map.of("events", Map.of(LOGOUT_EVENT, Map.of("reason", "admin")));

        HttpResponse<String> answered = backChannel(token(person, withReason));

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(browser.open(BASE + "/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aLogoutEventThatIsNotAJsonObjectIsRefusedWithAWarningAndEndsNothing(CapturedOutput log) {
        Visitor browser = signedIn(person, "event-" + person);
        Map<String, Object> notObjects =
                Map.of("an array", List.of(), "a number", 1, "a string", "admin", "a boolean", true);

        notObjects.forEach((why, value) -> {
            String token = token(person, Map.of("events", Map.of(LOGOUT_EVENT, value)));
            HttpResponse<String> answered = backChannel(token);
            assertThat(answered.statusCode()).as(why).isEqualTo(400);
            assertThat(answered.body()).as(why).contains("\"error\":\"invalid_request\"");
            assertThat(log.getOut()).as(why).doesNotContain(token);
        });

        assertThat(log.getOut()).contains("Back-channel logout refused: the logout event is not a JSON object");
        assertThat(log.getOut().lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR "));
        assertThat(browser.open(BASE + "/").body()).contains(person);
    }

    @Test
    void tokensThatAreNotTheProvidersValidLogoutForThisClientAreRefusedAndEndNothing() {
        Visitor browser = signedIn(person, "desk-" + person);
        String valid = logoutToken(person, null);
        String otherSignature = logoutToken("someone-else", null).split("\\.")[2];
        String withReason = token(person, Map.of("events", Map.of(LOGOUT_EVENT, Map.of("reason", "admin"))));
        Map<String, String> refused = Map.of(
                "with a reason, for another client",
                token(
                        person,
                        Map.of(
                                "events",
                                Map.of(LOGOUT_EVENT, Map.of("reason", "admin")),
                                "aud",
                                List.of("another-client"))),
                "with a reason and a forged signature",
                withReason.substring(0, withReason.lastIndexOf('.') + 1) + otherSignature,
                "for another client",
                token(person, Map.of("aud", List.of("another-client"))),
                "without the logout event",
                token(person, withNull("events")),
                "with another event",
                token(person, Map.of("events", Map.of("urn:example:other", Map.of()))),
                "with a nonce",
                token(person, Map.of("nonce", "n-0S6_WzA2Mj")),
                "without a jti",
                token(person, withNull("jti")),
                "with a forged signature",
                valid.substring(0, valid.lastIndexOf('.') + 1) + otherSignature,
                "not a token at all",
                "not-a-jwt");

        refused.forEach((why, token) -> {
            HttpResponse<String> answered = backChannel(token);
            assertThat(answered.statusCode()).as(why).isEqualTo(400);
            assertThat(answered.body()).as(why).contains("\"error\":\"invalid_request\"");
        });
        HttpResponse<String> without = new Visitor().submit(BACK_CHANNEL, "");
        assertThat(without.statusCode()).isEqualTo(400);

        assertThat(browser.open(BASE + "/").body()).contains(person);
    }

    @Test
    void aLogoutTokenInTheAddressRatherThanTheFormIsRefusedAndEndsNothing() {
        Visitor browser = signedIn(person, "query-" + person);
        String token = logoutToken(person, null);

        HttpResponse<String> inQuery = new Visitor().submit(BACK_CHANNEL + "?logout_token=" + token, "");
        HttpResponse<String> inBoth =
                new Visitor().submit(BACK_CHANNEL + "?logout%5Ftoken=" + token, "logout_token=" + token);

        for (HttpResponse<String> answered : List.of(inQuery, inBoth)) {
            assertThat(answered.statusCode()).isEqualTo(400);
            assertThat(answered.body())
                    .contains("\"error\":\"invalid_request\"")
                    .contains("form");
        }
        assertThat(browser.open(BASE + "/").body()).contains(person);
    }

    @Test
    void aLogoutTokenIssuedLongAgoIsRefused() {
        Visitor browser = signedIn(person, "old-" + person);
        String token = logoutToken(person, null);
        clock.advance(Duration.ofMinutes(11));
        try {
            HttpResponse<String> answered = backChannel(token);
            assertThat(answered.statusCode()).isEqualTo(400);
            assertThat(answered.body()).contains("invalid_request").contains("issued more than 10 minutes ago");
        } finally {
            clock.advance(Duration.ofMinutes(-11));
        }
        assertThat(browser.open(BASE + "/").body()).contains(person);
    }

    @Test
    void aLogoutTokenWithoutAnExpiryIsRefused() {
        Visitor browser = signedIn(person, "no-exp-" + person);

        HttpResponse<String> answered = backChannel(token(person, withNull("exp")));

        assertThat(answered.statusCode()).isEqualTo(400);
        assertThat(answered.body()).contains("invalid_request").contains("the logout token has no exp claim");
        assertThat(browser.open(BASE + "/").body()).contains(person);
    }

    @Test
    void anEmptySessionIdCountsAsNoneSoTheSubjectsEverySessionEnds() {
        Visitor laptop = signedIn(person, "laptop-" + person);
        Visitor phone = signedIn(person, "phone-" + person);

        assertThat(backChannel(logoutToken(person, "")).statusCode()).isEqualTo(200);

        assertThat(laptop.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(phone.open(BASE + "/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void anEmptySubjectCountsAsNoneSoTheNamedSessionEnds() {
        Visitor ended = signedIn(person, "tablet-" + person);
        Visitor kept = signedIn(person, "desktop-" + person);

        assertThat(backChannel(provider.logoutToken("", Map.of("sid", "tablet-" + person)))
                        .statusCode())
                .isEqualTo(200);

        assertThat(ended.open(BASE + "/").uri().getPath()).isEqualTo("/login");
        assertThat(kept.open(BASE + "/").body()).contains(person);
    }

    @Test
    void aLogoutTokenWhoseSubjectAndSessionAreEmptyIsRefused() {
        Visitor browser = signedIn(person, "empty-" + person);

        HttpResponse<String> answered = backChannel(provider.logoutToken("", Map.of("sid", "")));

        assertThat(answered.statusCode()).isEqualTo(400);
        assertThat(answered.body()).contains("invalid_request").contains("neither a subject nor a session");
        assertThat(browser.open(BASE + "/").body()).contains(person);
    }

    /** A browser signed in through the provider as {@code username}, in the provider's session {@code sid}. */
    private static Visitor signedIn(String username, String sid) {
        Map<String, Object> claims = SingleSignOnProvider.claims(username, List.of());
        claims.put("sid", sid);
        provider.says(claims);
        Visitor browser = new Visitor();
        assertThat(browser.open(BASE + "/oauth2/authorization/oidc").body()).contains(username);
        return browser;
    }

    private static String logoutToken(String username, String sid) {
        return token(username, sid == null ? Map.of() : Map.of("sid", sid));
    }

    private static String token(String username, Map<String, Object> claims) {
        return provider.logoutToken(SingleSignOnProvider.subjectOf(username), claims);
    }

    private static Map<String, Object> withNull(String claim) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(claim, null);
        return claims;
    }

    /** Posted as the provider posts it: a form with the token, no cookie, no CSRF token. */
    private static HttpResponse<String> backChannel(String logoutToken) {
        return new Visitor().submit(BACK_CHANNEL, "logout_token=" + logoutToken);
    }
}
