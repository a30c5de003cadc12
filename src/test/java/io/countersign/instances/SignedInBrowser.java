package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser with a cookie jar, signed in with a password at one instance's sign-in form; follows no redirect. */
final class SignedInBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Instance instance;
    private String csrf;

    private SignedInBrowser(Instance instance) {
        this.instance = instance;
    }

    static SignedInBrowser at(Instance instance, String username, String password) {
        SignedInBrowser browser = showingSignInForm(instance);
        HttpResponse<String> signedIn = browser.signIn(username, password);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).doesNotContain("/login"));
        assertThat(browser.page("/profile").statusCode()).isEqualTo(200);
        return browser;
    }

    /** A browser that has opened the sign-in form and not sent it yet. */
    static SignedInBrowser showingSignInForm(Instance instance) {
        SignedInBrowser browser = new SignedInBrowser(instance);
        Matcher token = CSRF.matcher(browser.page("/login").body());
        assertThat(token.find()).isTrue();
        browser.csrf = token.group(1);
        return browser;
    }

    /** The answer to the sign-in form, sent as a browser sends it. */
    HttpResponse<String> signIn(String username, String password) {
        return send(HttpRequest.newBuilder(instance.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + encode(csrf) + "&username=" + encode(username) + "&password=" + encode(password))));
    }

    /** The page as a browser asks for it. */
    HttpResponse<String> page(String path) {
        return ask(path, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    }

    /** The address asked for with {@code accept}, as a script in the page would with the session. */
    HttpResponse<String> ask(String path, String accept) {
        return send(HttpRequest.newBuilder(instance.uri(path))
                .header("Accept", accept)
                .GET());
    }

    /** As long as {@link Instance}'s calls wait: a page held up by the database fails on its test's own bound. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
