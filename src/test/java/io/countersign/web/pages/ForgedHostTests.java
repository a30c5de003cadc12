package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages' redirects name a path on this service and nothing else: a client that sends another
 * Host, or an X-Forwarded-Host, never sees it come back in a Location header, whether it is sent to
 * sign in, goes on after signing in, sends a form, or signs out.
 */
class ForgedHostTests extends ServedPagesTestBase {

    private static final String FORGED = "Host: evil.example";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("COUNTERSIGN_SESSION=([^;]+)");

    @Test
    void aVisitorNotSignedInIsSentToSignInByPathWhateverHostTheySent() throws Exception {
        Answer forgedHost = RawHttp.send(port, "GET", "/requests", FORGED);
        Answer forwardedHost = RawHttp.send(port, "GET", "/requests", "X-Forwarded-Host: evil.example");

        assertThat(forgedHost.status()).isEqualTo(302);
        assertThat(forgedHost.header("Location")).isEqualTo("/login");
        assertThat(forwardedHost.header("Location")).isEqualTo("/login");
    }

    @Test
    void signingInGoesOnToThePageFirstAskedForByPath() throws Exception {
        Answer asked = RawHttp.send(port, "GET", "/requests", FORGED);
        String cookie = "Cookie: COUNTERSIGN_SESSION=" + session(asked);

        Answer signedIn = signIn(cookie, FORGED);

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).isEqualTo("/requests?continue");
    }

    @Test
    void aFormAndSigningOutRedirectByPath() throws Exception {
        String cookie = "Cookie: COUNTERSIGN_SESSION=" + session(signIn(null, FORGED));
        String token = csrf(RawHttp.send(port, "GET", "/profile", cookie, FORGED));

        Answer saved =
                post("/profile/subscriptions", "_csrf=" + encode(token) + "&kind.step_opened=email", cookie, FORGED);
        Answer signedOut = post("/logout", "_csrf=" + encode(token), cookie, "X-Forwarded-Host: evil.example");

        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).isEqualTo("/profile");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).isEqualTo("/login?signedOut");
    }

    /** Signs the bootstrap administrator in from the session in {@code cookie} (a new one when null). */
    private Answer signIn(String cookie, String host) throws Exception {
        Answer form = cookie == null
                ? RawHttp.send(port, "GET", "/login", host)
                : RawHttp.send(port, "GET", "/login", cookie, host);
        String session = cookie == null ? "Cookie: COUNTERSIGN_SESSION=" + session(form) : cookie;
        return post("/login", "username=admin&password=test-admin-password&_csrf=" + encode(csrf(form)), session, host);
    }

    private Answer post(String path, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 1];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type: application/x-www-form-urlencoded";
        return RawHttp.sendBody(port, "POST", path, body, all);
    }

    private static String session(Answer answer) {
        Matcher session = SESSION.matcher(answer.headers());
        assertThat(session.find()).as("a session cookie in " + answer.headers()).isTrue();
        return session.group(1);
    }

    private static String csrf(Answer page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a CSRF token on the page").isTrue();
        return token.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
