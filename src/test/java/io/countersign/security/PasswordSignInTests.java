package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.countersign.directory.People;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

@CountersignTest
class PasswordSignInTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    private String userWithPassword(Role role) {
        String username = Api.unique("pw");
        Map<String, Object> body = People.body(username, role);
        body.put("password", PASSWORD);
        String created =
                api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201).body();
        assertThat(created).doesNotContain("password").doesNotContain(PASSWORD);
        return username;
    }

    @Test
    void theBootstrapAdministratorSignsInWithTheBootstrapPassword() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("test-admin-password"))
                .andExpect(authenticated().withUsername("admin"))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void aUserCreatedWithAPasswordSignsInAndThePasswordIsNeverReturned() throws Exception {
        String username = userWithPassword(Role.USER);
        assertThat(api.asAdmin().get("/api/v1/users/" + username).expect(200).body())
                .doesNotContain("password");
        assertThat(jdbc.sql("select password_hash from local_credentials where username = ?")
                        .param(username)
                        .query(String.class)
                        .single())
                .startsWith("{bcrypt-sha256}")
                .doesNotContain(PASSWORD);
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(authenticated());
    }

    @Test
    void everyPasswordUpTo128CharactersWorksInFullAndOnlyTheExactOneSignsIn() throws Exception {
        String longest = "p".repeat(72) + "the rest counts too".repeat(3).substring(0, 56);
        String username = Api.unique("long");
        Map<String, Object> body = People.body(username, Role.USER);
        body.put("password", longest);
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);

        mvc.perform(formLogin("/login").user(username).password(longest)).andExpect(authenticated());
        mvc.perform(formLogin("/login").user(username).password("p".repeat(72) + "anything else"))
                .andExpect(unauthenticated());

        // 100 characters of two bytes each: 200 bytes
        String accented = "é".repeat(100);
        api.asAdmin()
                .put("/api/v1/users/" + username + "/password", Api.json(Map.of("new", accented)))
                .expect(204);
        api.as(people.tokenFor(username))
                .put(
                        "/api/v1/users/" + username + "/password",
                        Api.json(Map.of("current", accented, "new", "ü".repeat(128))))
                .expect(204);
        mvc.perform(formLogin("/login").user(username).password("ü".repeat(128)))
                .andExpect(authenticated());
        mvc.perform(formLogin("/login").user(username).password("ü".repeat(36) + "x"))
                .andExpect(unauthenticated());
    }

    @Test
    void aPasswordStoredAsPlainBcryptKeepsSigningInButNothingAppendedToItDoes() throws Exception {
        String username = Api.unique("legacy");
        api.asAdmin()
                .post("/api/v1/users", Api.json(People.body(username, Role.USER)))
                .expect(201);
        String password = "b".repeat(72);
        jdbc.sql("insert into local_credentials (username, password_hash) values (?, ?)")
                .params(username, "{bcrypt}" + new BCryptPasswordEncoder().encode(password))
                .update();

        mvc.perform(formLogin("/login").user(username).password(password + " and more"))
                .andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user(username).password(password)).andExpect(authenticated());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        String username = userWithPassword(Role.USER);
        mvc.perform(formLogin("/login").user(username).password("not the password"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void aNameThatCannotBeAUsernameIsAWrongSignInAndWritesNothing() throws Exception {
        String start = Api.unique("al");
        for (String typed : new String[] {start + "\u0000ice", start + " bob", "-" + start}) {
            mvc.perform(formLogin("/login").user(typed).password(PASSWORD))
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
        }
        assertThat(jdbc.sql("select count(*) from sign_in_failures where username like ?")
                        .param("%" + start + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aUsernameTypedWithALetterThatLowerCasesToAsciiIsAWrongSignIn() throws Exception {
        String username = Api.unique("kate");
        Map<String, Object> body = People.body(username, Role.USER);
        body.put("password", PASSWORD);
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);

        mvc.perform(formLogin("/login").user("\u212A" + username.substring(1)).password(PASSWORD))
                .andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user(username.toUpperCase(Locale.ROOT)).password(PASSWORD))
                .andExpect(authenticated().withUsername(username));
    }

    @Test
    void aTooShortPasswordIsRefusedAndNoUserIsCreated() {
        String username = Api.unique("short");
        Map<String, Object> body = People.body(username, Role.USER);
        body.put("password", "short");
        var refused =
                api.asAdmin().post("/api/v1/users", Api.json(body)).expect(400).json();
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("password");
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
    }

    @Test
    void aPasswordWithAControlOrDirectionCharacterIsRefusedWhereverItIsSet() throws Exception {
        String username = Api.unique("ctl");
        Map<String, Object> body = People.body(username, Role.USER);
        body.put("password", "abc\u0000defghijklm\u202e\u0007");
        var created = api.asAdmin().post("/api/v1/users", Api.json(body)).expect(400);
        assertThat(Api.issues(created)).containsExactly("password:invalid_character");
        api.asAdmin().get("/api/v1/users/" + username).expect(404);

        String holder = userWithPassword(Role.USER);
        Map<String, Object> replaced = People.body(holder, Role.USER);
        replaced.put("password", "a brand new\u0000secret");
        var replacing = api.asAdmin().put("/api/v1/users/" + holder, Api.json(replaced));
        assertThat(Api.issues(replacing.expect(400))).containsExactly("password:invalid_character");
        String path = "/api/v1/users/" + holder + "/password";
        for (String replacement :
                List.of("a brand new\u0000secret", "a brand new secret\u202e", "a brand\tnew secret")) {
            var changed = api.as(people.tokenFor(holder))
                    .put(path, Api.json(Map.of("current", PASSWORD, "new", replacement)));
            assertThat(Api.issues(changed.expect(400))).containsExactly("new:invalid_character");
        }
        mvc.perform(formLogin("/login").user(holder).password(PASSWORD)).andExpect(authenticated());
    }

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPasswordUntilTheWindowPasses() throws Exception {
        String username = userWithPassword(Role.USER);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(username).password("guess " + i))
                    .andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?locked"));
        var audit = api.asAdmin()
                .get("/api/v1/audit?action=user.locked_out")
                .expect(200)
                .body();
        assertThat(audit).contains("user:" + username);

        clock.advance(Duration.ofMinutes(16));
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(authenticated());
    }

    @Test
    void anInactiveUserCannotSignIn() throws Exception {
        String username = userWithPassword(Role.USER);
        Map<String, Object> body = People.body(username, Role.USER);
        body.put("active", false);
        api.asAdmin().put("/api/v1/users/" + username, Api.json(body)).expect(200);
        mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() throws Exception {
        String username = userWithPassword(Role.USER);
        String token = people.tokenFor(username);
        String path = "/api/v1/users/" + username + "/password";
        var wrong = api.as(token)
                .put(path, "{\"current\":\"wrong one\",\"new\":\"a brand new secret\"}")
                .expect(400)
                .json();
        assertThat(wrong.get("errors").get(0).get("field").asString()).isEqualTo("current");
        api.as(token).put(path, "{\"new\":\"a brand new secret\"}").expect(400);

        api.as(token)
                .put(path, "{\"current\":\"" + PASSWORD + "\",\"new\":\"a brand new secret\"}")
                .expect(204);
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(unauthenticated());
        mvc.perform(formLogin("/login").user(username).password("a brand new secret"))
                .andExpect(authenticated());
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=user.password_changed")
                        .body())
                .contains("user:" + username);
    }

    @Test
    void guessingTheCurrentPasswordIsLimitedAsAtSignIn() throws Exception {
        String username = userWithPassword(Role.USER);
        String token = people.tokenFor(username);
        String path = "/api/v1/users/" + username + "/password";
        for (int i = 0; i < 5; i++) {
            api.as(token)
                    .put(path, "{\"current\":\"guess " + i + "\",\"new\":\"a brand new secret\"}")
                    .expect(400);
        }

        var locked = api.as(token)
                .put(path, "{\"current\":\"" + PASSWORD + "\",\"new\":\"a brand new secret\"}")
                .expect(400)
                .json();

        assertThat(locked.get("errors").get(0).get("code").asString()).isEqualTo("locked");
        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?locked"));
        clock.advance(Duration.ofMinutes(16));
        api.as(token)
                .put(path, "{\"current\":\"" + PASSWORD + "\",\"new\":\"a brand new secret\"}")
                .expect(204);
    }

    @Test
    void aUserWhoLeavesOutTheCurrentPasswordIsToldItIsRequiredAndIsNotLockedOut() throws Exception {
        String username = userWithPassword(Role.USER);
        String token = people.tokenFor(username);
        String path = "/api/v1/users/" + username + "/password";

        for (int i = 0; i < 6; i++) {
            assertThat(Api.issues(api.as(token)
                            .put(path, "{\"new\":\"a brand new secret\"}")
                            .expect(400)))
                    .containsExactly("current:required");
        }

        mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(authenticated());
        api.as(token)
                .put(path, "{\"current\":\"" + PASSWORD + "\",\"new\":\"a brand new secret\"}")
                .expect(204);
    }

    @Test
    void aUserWithoutAPasswordIsToldTheyHaveNoneToChangeAndAnAdministratorSetsTheFirst() throws Exception {
        String username = people.user("nopass");
        String token = people.tokenFor(username);
        String path = "/api/v1/users/" + username + "/password";

        for (String body : List.of(
                "{\"new\":\"a brand new secret\"}", "{\"current\":\"a guess\",\"new\":\"a brand new secret\"}")) {
            assertThat(Api.issues(api.as(token).put(path, body).expect(400))).containsExactly("current:no_password");
        }
        mvc.perform(formLogin("/login").user(username).password("a brand new secret"))
                .andExpect(unauthenticated());

        api.asAdmin().put(path, "{\"new\":\"a first secret 123\"}").expect(204);
        mvc.perform(formLogin("/login").user(username).password("a first secret 123"))
                .andExpect(authenticated());
    }

    @Test
    void anAdministratorMayOmitTheCurrentPasswordAndOthersSeeNoSuchUser() throws Exception {
        String username = userWithPassword(Role.USER);
        String other = people.tokenFor(people.user("other"));
        api.as(other)
                .put(
                        "/api/v1/users/" + username + "/password",
                        "{\"current\":\"" + PASSWORD + "\",\"new\":\"stolen secret 123\"}")
                .expect(404);
        api.asAdmin()
                .put("/api/v1/users/" + username + "/password", "{\"new\":\"reset by the admin\"}")
                .expect(204);
        mvc.perform(formLogin("/login").user(username).password("reset by the admin"))
                .andExpect(authenticated());
    }

    @Test
    void aSessionDoesNotOpenTheApiAndSignOutNeedsTheCsrfToken() throws Exception {
        String username = userWithPassword(Role.ADMIN);
        MockHttpSession session =
                (MockHttpSession) mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                        .andExpect(authenticated())
                        .andReturn()
                        .getRequest()
                        .getSession();
        mvc.perform(get("/api/v1/users/" + username).session(session)).andExpect(status().isUnauthorized());
        mvc.perform(get("/profile").session(session)).andExpect(status().isOk());
        mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?signedOut"));
        mvc.perform(get("/profile").session(session)).andExpect(status().is3xxRedirection());
    }

    private MockHttpSession signedIn(String username) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(username).password(PASSWORD))
                .andExpect(authenticated())
                .andReturn()
                .getRequest()
                .getSession();
    }

    @Test
    void aUserDeactivatedOrGivenAnotherRoleAfterSigningInIsSignedOut() throws Exception {
        String deactivated = userWithPassword(Role.USER);
        String promoted = userWithPassword(Role.USER);
        MockHttpSession first = signedIn(deactivated);
        MockHttpSession second = signedIn(promoted);
        mvc.perform(get("/profile").session(first)).andExpect(status().isOk());

        Map<String, Object> inactive = People.body(deactivated, Role.USER);
        inactive.put("active", false);
        api.asAdmin().put("/api/v1/users/" + deactivated, Api.json(inactive)).expect(200);
        api.asAdmin()
                .put("/api/v1/users/" + promoted, Api.json(People.body(promoted, Role.AUDITOR)))
                .expect(200);

        mvc.perform(get("/profile").session(first)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/profile").session(second)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void pagesAndUnknownPathsAskForSignIn() throws Exception {
        mvc.perform(get("/approvals")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/no/such/page")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/login?error")).andExpect(status().isOk());
        mvc.perform(get("/login?locked")).andExpect(status().isOk());
    }
}
