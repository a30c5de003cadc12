package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One client trying a password against many usernames (password spraying) is limited by its address,
 * as one username tried from anywhere is by its name.
 */
@CountersignTest
class SignInThrottleTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    SignInProperties limits;

    SignInForms forms;

    @BeforeEach
    void forms() {
        forms = new SignInForms(mvc, api);
    }

    /** Fails once for each of as many usernames as one address may fail with, none of them twice. */
    private void sprayFrom(String address) throws Exception {
        for (int i = 0; i < limits.maxFailuresPerAddress(); i++) {
            forms.signIn(Api.unique("sprayed"), PASSWORD, address)
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
        }
    }

    @Test
    void anAddressThatFailedWithManyUsernamesIsRefusedEvenWithTheRightPasswordWhileAnotherAddressIsNot()
            throws Exception {
        String username = api.person("sprayed-at", "USER", PASSWORD);
        String spraying = SignInForms.uniqueAddress();
        String elsewhere = SignInForms.uniqueAddress();

        sprayFrom(spraying);

        forms.signIn(username, PASSWORD, spraying)
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?throttled"));
        assertThat(forms.audited("user.sign_in_failed", spraying)).first().satisfies(event -> {
            assertThat(event.get("reason").asString()).isEqualTo("throttled");
            assertThat(event.get("actor").asString()).isEqualTo(username);
        });
        forms.signIn(username, PASSWORD, elsewhere).andExpect(authenticated().withUsername(username));
    }

    @Test
    void aThrottledSignInAsAnAdministratorIsAuditedWithTheAdministratorsRole() throws Exception {
        String admin = api.person("sprayed-admin", "ADMIN", PASSWORD);
        String spraying = SignInForms.uniqueAddress();

        sprayFrom(spraying);

        forms.signIn(admin, PASSWORD, spraying).andExpect(redirectedUrl("/login?throttled"));
        assertThat(forms.audited("user.sign_in_failed", spraying)).first().satisfies(event -> {
            assertThat(event.get("actor").asString()).isEqualTo(admin);
            assertThat(event.get("actorRole").asString()).isEqualTo("ADMIN");
        });
    }

    @Test
    void aThrottledAddressMaySignInAgainOnceItsFailuresAreOlderThanTheWindow() throws Exception {
        String username = api.person("patient", "USER", PASSWORD);
        String address = SignInForms.uniqueAddress();
        sprayFrom(address);
        forms.signIn(username, PASSWORD, address).andExpect(redirectedUrl("/login?throttled"));

        clock.advance(limits.lockoutWindow().minusSeconds(1));
        forms.signIn(username, PASSWORD, address).andExpect(redirectedUrl("/login?throttled"));

        clock.advance(limits.lockoutWindow());
        forms.signIn(username, PASSWORD, address).andExpect(authenticated().withUsername(username));
    }

    @Test
    void failuresBelowTheLimitLeaveTheAddressOpen() throws Exception {
        String username = api.person("typo", "USER", PASSWORD);
        String address = SignInForms.uniqueAddress();
        for (int i = 1; i < limits.maxFailuresPerAddress(); i++) {
            forms.signIn(Api.unique("typo"), PASSWORD, address).andExpect(redirectedUrl("/login?error"));
        }

        forms.signIn(username, PASSWORD, address).andExpect(authenticated().withUsername(username));
    }
}
