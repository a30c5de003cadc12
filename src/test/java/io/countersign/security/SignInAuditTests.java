package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.countersign.directory.People;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Every password sign-in, refused or not, is logged and audited with who, from where and why; never the password. */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
class SignInAuditTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    SignInForms forms;

    @BeforeEach
    void forms() {
        forms = new SignInForms(mvc, api);
        // refusals of names that are nobody's share one allowance a minute with every other test's
        clock.advance(RefusalAuditLimiter.WINDOW);
    }

    private String user(String password) {
        String username = Api.unique("signer");
        Map<String, Object> body = People.body(username, Role.USER);
        if (password != null) {
            body.put("password", password);
        }
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);
        return username;
    }

    @Test
    void aWrongPasswordIsLoggedAndAuditedWithTheNameAsTypedAndTheAddressButNeverThePassword(CapturedOutput output)
            throws Exception {
        String username = user(PASSWORD);
        String address = SignInForms.uniqueAddress();
        String guess = "guessed-Secret-" + username;

        forms.signIn(username.toUpperCase(), guess, address)
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));

        List<JsonNode> failures = forms.audited("user.sign_in_failed", address);
        assertThat(failures).hasSize(1);
        JsonNode failure = failures.get(0);
        assertThat(failure.get("actor").asString()).isEqualTo(username);
        assertThat(failure.get("channel").asString()).isEqualTo("WEB");
        assertThat(failure.get("target").asString()).isEqualTo("user:" + username.toUpperCase());
        assertThat(failure.get("reason").asString()).isEqualTo("wrong_password");
        assertThat(failure.get("note").asString()).isEqualTo("password sign-in: wrong password");
        assertThat(api.asAdmin()
                        .call(
                                HttpMethod.GET,
                                "/api/v1/audit/export?format=jsonl&action=user.sign_in_failed",
                                null,
                                HttpHeaders.ACCEPT,
                                "application/jsonl")
                        .expect(200)
                        .body())
                .doesNotContain(guess);

        assertThat(output.getOut())
                .contains("Password sign-in refused (wrong_password): username '" + username.toUpperCase() + "' from "
                        + address)
                .doesNotContain(guess);
    }

    @Test
    void eachKindOfRefusalIsAuditedWithItsReasonAndTheSamePageForThePerson() throws Exception {
        String inactive = user(PASSWORD);
        Map<String, Object> deactivated = People.body(inactive, Role.USER);
        deactivated.put("active", false);
        api.asAdmin().put("/api/v1/users/" + inactive, Api.json(deactivated)).expect(200);
        String departed = user(PASSWORD);
        api.asAdmin().delete("/api/v1/users/" + departed).expect(204);
        String singleSignOnOnly = user(null);
        Map<String, String> reasons = Map.of(
                inactive,
                "inactive_user",
                departed,
                "unknown_user",
                Api.unique("nobody"),
                "unknown_user",
                singleSignOnOnly,
                "no_password",
                "not a\u0000name\nforged line",
                "not_a_username");

        for (var attempt : reasons.entrySet()) {
            String address = SignInForms.uniqueAddress();
            clock.advance(RefusalAuditLimiter.WINDOW);
            forms.signIn(attempt.getKey(), PASSWORD, address)
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
            List<JsonNode> failures = forms.audited("user.sign_in_failed", address);
            assertThat(failures).as(attempt.getKey()).hasSize(1);
            assertThat(failures.get(0).get("reason").asString())
                    .as(attempt.getKey())
                    .isEqualTo(attempt.getValue());
        }
        String address = SignInForms.uniqueAddress();
        clock.advance(RefusalAuditLimiter.WINDOW);
        forms.signIn("not a\u0000name\nforged line", PASSWORD, address);
        JsonNode unprintable = forms.audited("user.sign_in_failed", address).get(0);
        assertThat(unprintable.get("actor").asString()).isEqualTo("(not a username)");
        assertThat(unprintable.get("target").asString()).isEqualTo("user:not a?name?forged line");
    }

    @Test
    void aNameWithALineBreakTabOrWideSpaceAtEitherEndIsNotAUsernameEvenWithTheRightPassword() throws Exception {
        String username = user(PASSWORD);
        for (String typed :
                List.of(username + "\n", username + "\t", "\t" + username, username + "\r\n", "\u3000" + username)) {
            String address = SignInForms.uniqueAddress();
            clock.advance(RefusalAuditLimiter.WINDOW);

            forms.signIn(typed, PASSWORD, address)
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));

            JsonNode failure = forms.audited("user.sign_in_failed", address).get(0);
            assertThat(failure.get("reason").asString()).as(typed).isEqualTo("not_a_username");
        }
        forms.signIn(" " + username + " ", PASSWORD, SignInForms.uniqueAddress())
                .andExpect(authenticated().withUsername(username));
    }

    @Test
    void anOverLongNameIsAuditedAsNotAUsernameRatherThanAsTheUserItStartsWith() throws Exception {
        String address = SignInForms.uniqueAddress();

        forms.signIn("u".repeat(5000), PASSWORD, address).andExpect(redirectedUrl("/login?error"));

        JsonNode failure = forms.audited("user.sign_in_failed", address).get(0);
        assertThat(failure.get("actor").asString()).isEqualTo("(not a username)");
        assertThat(failure.get("actorRole").asString()).isEqualTo("NONE");
        assertThat(failure.get("reason").asString()).isEqualTo("not_a_username");
        assertThat(failure.get("target").asString())
                .startsWith("user:uuu")
                .endsWith("\u2026")
                .hasSizeLessThan(140);
    }

    @Test
    void refusalsNameTheRoleTheUserHoldsAndNoneForANameThatIsNobodys() throws Exception {
        String admin = api.person("signer", "ADMIN", PASSWORD);
        String address = SignInForms.uniqueAddress();
        for (int i = 0; i < 5; i++) {
            forms.signIn(admin, "mistyped " + i, address).andExpect(unauthenticated());
        }
        String stranger = SignInForms.uniqueAddress();
        forms.signIn(Api.unique("nobody"), PASSWORD, stranger).andExpect(unauthenticated());

        assertThat(forms.audited("user.sign_in_failed", address))
                .extracting(event -> event.get("actorRole").asString())
                .containsOnly("ADMIN");
        assertThat(forms.audited("user.locked_out", address))
                .extracting(event -> event.get("actorRole").asString())
                .containsExactly("ADMIN");
        assertThat(forms.audited("user.sign_in_failed", stranger))
                .extracting(event -> event.get("actorRole").asString())
                .containsExactly("NONE");
    }

    @Test
    void aLockedUsernameIsAuditedAsLockedEvenWithTheRightPassword() throws Exception {
        String username = user(PASSWORD);
        String address = SignInForms.uniqueAddress();
        for (int i = 0; i < 5; i++) {
            forms.signIn(username, "guess " + i, address).andExpect(unauthenticated());
        }
        clock.advance(RefusalAuditLimiter.WINDOW);

        forms.signIn(username, PASSWORD, address).andExpect(redirectedUrl("/login?locked"));

        assertThat(forms.audited("user.sign_in_failed", address))
                .extracting(event -> event.get("reason").asString())
                .startsWith("locked")
                .contains("wrong_password");
    }

    @Test
    void refusalsAlikeWithinAMinuteAreOneRowAndTheNextRowCountsTheRest(CapturedOutput output) throws Exception {
        String username = user(PASSWORD);
        String address = SignInForms.uniqueAddress();
        for (int i = 0; i < 3; i++) {
            forms.signIn(username, "guess " + i, address).andExpect(unauthenticated());
        }
        assertThat(forms.audited("user.sign_in_failed", address)).hasSize(1);
        assertThat(output.getOut()).doesNotContain("guess 0", "guess 1", "guess 2");
        assertThat(output.getOut()
                        .lines()
                        .filter(line -> line.contains("Password sign-in refused")
                                && line.contains("'" + username + "' from " + address)))
                .as("every refusal is logged")
                .hasSize(3);

        clock.advance(RefusalAuditLimiter.WINDOW);
        forms.signIn(username, "guess 3", address).andExpect(unauthenticated());

        assertThat(forms.audited("user.sign_in_failed", address)
                        .get(0)
                        .get("note")
                        .asString())
                .isEqualTo("password sign-in: wrong password (2 more like it since the last one recorded were"
                        + " not recorded)");
    }

    @Test
    void aPasswordSignInIsAuditedWithTheUserTheAddressAndTheMethod() throws Exception {
        String username = user(PASSWORD);
        String address = SignInForms.uniqueAddress();

        forms.signIn(username, PASSWORD, address).andExpect(authenticated().withUsername(username));

        List<JsonNode> signedIn = forms.audited("user.signed_in", address);
        assertThat(signedIn).hasSize(1);
        assertThat(signedIn.get(0).get("actor").asString()).isEqualTo(username);
        assertThat(signedIn.get(0).get("actorRole").asString()).isEqualTo("USER");
        assertThat(signedIn.get(0).get("channel").asString()).isEqualTo("WEB");
        assertThat(signedIn.get(0).get("target").asString()).isEqualTo("user:" + username);
        assertThat(signedIn.get(0).get("note").asString()).isEqualTo("password");
    }
}
