package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.security.SingleSignOnDirectory;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.SingleSignOnProvider;
import io.countersign.testing.TestClockConfiguration;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;

/**
 * A provider that signs ID and logout tokens whose {@code sub} or {@code sid} Countersign cannot keep
 * or look up: such a sign-in is refused before any user or group is touched, and such a logout token is
 * refused as the provider's mistake. Each concrete class runs its own provider and service (on H2, on
 * PostgreSQL), since the service listens on an address fixed before it starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
@ExtendWith(OutputCaptureExtension.class)
abstract class UnusableProviderIdsTestBase {

    static final String SIGN_ON = "/oauth2/authorization/oidc";
    static final String BACK_CHANNEL = "/logout/connect/back-channel/oidc";

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    SingleSignOnDirectory directory;

    /** The provider this class's service signs in through. */
    abstract SingleSignOnProvider provider();

    /** The service's address. */
    abstract String base();

    static void settings(DynamicPropertyRegistry registry, SingleSignOnProvider provider, int port) {
        provider.start();
        registry.add("server.port", () -> port);
        provider.settingsFor("http://localhost:" + port).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("countersign.oidc.groups-claim", () -> "groups");
        registry.add("countersign.oidc.create-users", () -> "true");
    }

    @BeforeEach
    void directory() {
        // the provider's tokens carry the real time; the service's clock is this test's
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        directory = new SingleSignOnDirectory(api);
    }

    @Test
    void anEmptyOrBlankSubjectIsRefusedAuditedAndChangesNoUserOrGroup(CapturedOutput log) {
        for (String subject : List.of("", " ")) {
            String why = subject.isEmpty() ? "the sub claim is empty" : "the sub claim is blank";
            String member = directory.person(true);
            String left = directory.group(List.of(member));
            String joined = directory.group(List.of());
            String newcomer = Api.unique("newcomer");

            HttpResponse<String> known = signOnAs(subject, SingleSignOnProvider.claims(member, List.of(joined)));
            HttpResponse<String> created = signOnAs(subject, SingleSignOnProvider.claims(newcomer, List.of(joined)));

            for (HttpResponse<String> landed : List.of(known, created)) {
                assertThat(landed.uri())
                        .as("'%s'", subject)
                        .isEqualTo(URI.create(base() + "/login?sso=unusable_token"));
                assertThat(landed.body()).contains("Single sign-on did not succeed.");
            }
            assertThat(directory.members(left)).containsExactly(member);
            assertThat(directory.members(joined)).isEmpty();
            api.asAdmin().get("/api/v1/users/" + newcomer).expect(404);
            assertThat(refusal(member).get("reason").asString()).isEqualTo("unusable_token");
            assertThat(refusal(member).get("note").asString())
                    .isEqualTo("single sign-on: the provider's ID token names no subject or session Countersign"
                            + " can use (" + why + ")");
            assertThat(api.asAdmin()
                            .get("/api/v1/audit?action=user.signed_in&actor=" + member)
                            .expect(200)
                            .json()
                            .get("items")
                            .size())
                    .isZero();
        }
        assertThat(log.getOut())
                .contains("Single sign-on did not succeed (unusable_token): [unusable_token] the provider's ID token"
                        + " names no subject or session Countersign can use (the sub claim is blank)");
        assertThat(log.getOut().lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR "));
    }

    @Test
    void aSubjectOrSessionIdThatCouldNotBeKeptOrSignedOutIsRefusedAtSignIn() {
        String tooLong = "s".repeat(256);
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("a NUL in the sub claim", List.of("subject-\u0000-x", "none"));
        cases.put("a line break in the sub claim", List.of("subject-x\n", "none"));
        cases.put("a sub claim of 256 characters", List.of(tooLong, "none"));
        cases.put("a NUL in the sid claim", List.of("subject-x", "session-\u0000-x"));
        cases.put("a tab in the sid claim", List.of("subject-x", "session-\t-x"));
        cases.put("a sid claim of 256 characters", List.of("subject-x", tooLong));
        cases.put("a number as the sid claim", List.of("subject-x", 123));
        cases.put("a list as the sid claim", List.of("subject-x", List.of("session-x")));

        cases.forEach((why, ids) -> {
            String person = directory.person(true);
            String left = directory.group(List.of(person));
            @SuppressWarnings("unchecked")
            List<Object> subjectAndSession = (List<Object>) ids;
            Map<String, Object> claims = SingleSignOnProvider.claims(person, List.of());
            if (!"none".equals(subjectAndSession.get(1))) {
                claims.put("sid", subjectAndSession.get(1));
            }
            provider().saysAs((String) subjectAndSession.get(0), claims);
            Visitor browser = new Visitor();

            HttpResponse<String> landed = browser.open(base() + SIGN_ON);

            assertThat(landed.uri()).as(why).isEqualTo(URI.create(base() + "/login?sso=unusable_token"));
            assertThat(browser.open(base() + "/").uri().getPath()).as(why).isEqualTo("/login");
            assertThat(directory.members(left)).as(why).containsExactly(person);
            assertThat(refusal(person).get("reason").asString()).as(why).isEqualTo("unusable_token");
            assertThat(refusal(person).get("note").asString())
                    .as(why)
                    .startsWith("single sign-on: the provider's ID token names no subject or session Countersign"
                            + " can use (the s")
                    .doesNotContain("\u0000");
        });
    }

    @Test
    void aSubjectAndSessionIdOfTheLongestAllowedLengthSignInAndOut() {
        String person = directory.person(true);
        Map<String, Object> claims = SingleSignOnProvider.claims(person, List.of());
        claims.put("sid", "d".repeat(255));
        provider().saysAs("s".repeat(255), claims);
        Visitor browser = new Visitor();

        assertThat(browser.open(base() + SIGN_ON).body()).contains(person);
        assertThat(browser.open(base() + "/approvals").statusCode()).isEqualTo(200);
        assertThat(browser.post(base() + "/", base() + "/logout", "").uri().getPath())
                .isEqualTo("/login");
    }

    @Test
    void aLogoutTokenWhoseSubjectOrSessionCouldNotBeKeptIsRefusedAsTheProvidersMistake(CapturedOutput log) {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("a NUL in the sub claim", provider().logoutToken("subject-\u0000-x", Map.of()));
        refused.put("a line break in the sub claim", provider().logoutToken("subject-x\n", Map.of()));
        refused.put("a NUL in the sid claim", provider().logoutToken("subject-x", Map.of("sid", "session-\u0000-x")));
        refused.put("a number as the sid claim", provider().logoutToken("subject-x", Map.of("sid", 123)));
        refused.put(
                "a list as the sid claim", provider().logoutToken("subject-x", Map.of("sid", List.of("session-x"))));
        refused.put("a number as the sid claim, without a sub", provider().logoutToken("", Map.of("sid", 123)));

        refused.forEach((why, token) -> {
            HttpResponse<String> answered = new Visitor().submit(base() + BACK_CHANNEL, "logout_token=" + token);

            assertThat(answered.statusCode()).as(why).isEqualTo(400);
            assertThat(answered.body()).as(why).contains("\"error\":\"invalid_request\"");
            assertThat(log.getOut()).as(why).doesNotContain(token);
        });
        assertThat(log.getOut().lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR "));
    }

    /** Where a browser lands that the provider signs in with {@code claims} and {@code subject} as its sub. */
    HttpResponse<String> signOnAs(String subject, Map<String, Object> claims) {
        provider().saysAs(subject, claims);
        return new Visitor().open(base() + SIGN_ON);
    }

    /** The one refused single sign-on audited by {@code username}. */
    JsonNode refusal(String username) {
        var items = api.asAdmin()
                .get("/api/v1/audit?action=user.sign_in_refused&actor=" + username)
                .expect(200)
                .json()
                .get("items");
        assertThat(items.size()).isEqualTo(1);
        return items.get(0);
    }
}
