package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Guesses sent all at once get no further than guesses sent one after another: no more passwords are
 * checked than the username's and the address's limits allow, and the right password among them is
 * refused once the limit was reached by the others.
 */
@CountersignTest
class SignInGuessesAtOnceTests {

    static final String PASSWORD = "correct horse battery";

    private static final int AT_ONCE = 24;

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    SignInProperties limits;

    SignInForms forms;

    private final Race race = new Race(AT_ONCE + 1);

    @BeforeEach
    void forms() {
        forms = new SignInForms(mvc, api);
    }

    @AfterEach
    void stopThreads() {
        race.close();
    }

    @Test
    void wrongPasswordsSentAtOnceAreCheckedNoMoreOftenThanTheLockoutAllows() throws Exception {
        String username = api.person("guessed", "USER", PASSWORD);
        List<Callable<String>> guesses = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            String guess = "guess number " + i;
            guesses.add(() -> signIn(username, guess, SignInForms.uniqueAddress()));
        }
        guesses.add(() -> signIn(username, PASSWORD, SignInForms.uniqueAddress()));

        List<String> answers = race.run(guesses);

        long wrongChecked = answers.stream().filter("/login?error"::equals).count();
        assertThat(answers).isSubsetOf("/login?error", "/login?locked", "/");
        if (answers.get(AT_ONCE).equals("/")) {
            // the right one was checked before the limit was reached and forgave the failures counted so
            // far, so guesses still arriving after it count afresh, up to the limit again
            assertThat(wrongChecked).as("wrong passwords checked").isLessThanOrEqualTo(2L * limits.maxFailures() - 1);
        } else {
            assertThat(wrongChecked).as("wrong passwords checked").isLessThanOrEqualTo(limits.maxFailures());
        }
    }

    @Test
    void wrongPasswordsSentAtOnceFromOneAddressAreCheckedNoMoreOftenThanItsLimitAllows() throws Exception {
        String address = SignInForms.uniqueAddress();
        int many = limits.maxFailuresPerAddress() + AT_ONCE / 2;
        List<Callable<String>> guesses = new ArrayList<>();
        for (int i = 0; i < many; i++) {
            guesses.add(() -> signIn(Api.unique("sprayed"), PASSWORD, address));
        }

        List<String> answers;
        try (Race wide = new Race(many)) {
            answers = wide.run(guesses);
        }

        assertThat(answers.stream().filter("/login?error"::equals).count())
                .as("passwords checked from one address")
                .isLessThanOrEqualTo(limits.maxFailuresPerAddress());
        assertThat(answers).contains("/login?throttled");
    }

    @Test
    void wrongCurrentPasswordsSentAtOnceAreCheckedNoMoreOftenThanTheLockoutAllows() throws Exception {
        String username = api.person("changing", "USER", PASSWORD);
        String token = api.tokenFor(username);
        String path = "/api/v1/users/" + username + "/password";
        List<Callable<String>> guesses = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            String body = Api.json(Map.of("current", "guess number " + i, "new", "a brand new secret"));
            guesses.add(() -> wrongOrLocked(api.as(token).put(path, body)));
        }

        List<String> answers = race.run(guesses);

        long checked = answers.stream().filter("current:wrong_password"::equals).count();
        assertThat(checked).as("current passwords checked").isLessThanOrEqualTo(limits.maxFailures());
        assertThat(answers).isSubsetOf("current:wrong_password", "current:locked");
        // a try refused while others were still being checked counts for nothing afterwards
        var right = api.as(token).put(path, Api.json(Map.of("current", PASSWORD, "new", "a brand new secret")));
        if (checked == limits.maxFailures()) {
            assertThat(Api.issues(right.expect(400))).containsExactly("current:locked");
        } else {
            right.expect(204);
        }
    }

    private static String wrongOrLocked(Api.Response response) {
        return String.join(",", Api.issues(response.expect(400)));
    }

    private String signIn(String username, String password, String address) throws Exception {
        return forms.signIn(username, password, address)
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }
}
