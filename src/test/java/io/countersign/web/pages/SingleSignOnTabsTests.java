package io.countersign.web.pages;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single sign-ons begun in several tabs of one browser (one cookie jar), as when a person opens two
 * mail links: each tab's return from the provider finds its own sign-in and goes on to its own page,
 * and a return to a browser that holds no such sign-in still signs nobody in.
 */
class SingleSignOnTabsTests extends SingleSignOnPagesTestBase {

    private static final String CALLBACK = "/login/oauth2/code/oidc";
    private static final Pattern SINGLE_SIGN_ON_LINK =
            Pattern.compile("<a class=\"button\" href=\"([^\"]*)\">Sign in with single sign-on</a>");
    private static final Pattern SIGNED_IN_AS =
            Pattern.compile("<form action=\"/logout\" method=\"post\">.*?<span>([^<]*)</span>", Pattern.DOTALL);

    @Test
    void twoTabsFinishedInTheOrderTheyBeganEachLandOnTheirOwnPage() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        String tabA = begin(browser, "/requests/req-a1");
        String tabB = begin(browser, "/requests/req-b2");

        assertSignedInAt(browser, finish(browser, tabA, username), "/requests/req-a1", username);
        assertSignedInAt(browser, finish(browser, tabB, username), "/requests/req-b2", username);
    }

    @Test
    void twoTabsFinishedInTheReverseOrderEachLandOnTheirOwnPage() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        String tabA = begin(browser, "/requests/req-a1");
        String tabB = begin(browser, "/requests/req-b2");

        assertSignedInAt(browser, finish(browser, tabB, username), "/requests/req-b2", username);
        assertSignedInAt(browser, finish(browser, tabA, username), "/requests/req-a1", username);
    }

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"/requests/req-a1", "/requests/req-b2"})
    void twoSignInPagesOpenedBeforeEitherIsUsedEachLeadToTheirOwnPageInEitherOrder(String first) {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        Map<String, String> links = new LinkedHashMap<>();
        for (String page : List.of("/requests/req-a1", "/requests/req-b2")) {
            links.put(page, signInPageFor(browser, page));
        }
        List<String> order = first.equals("/requests/req-a1")
                ? List.of("/requests/req-a1", "/requests/req-b2")
                : List.of("/requests/req-b2", "/requests/req-a1");
        Map<String, String> tabs = new LinkedHashMap<>();
        for (String page : order) {
            tabs.put(page, click(browser, links.get(page)));
        }

        for (String page : order) {
            assertSignedInAt(browser, finish(browser, tabs.get(page), username), page, username);
        }
    }

    @Test
    void aSingleSignOnLinkNamingAnotherSiteLandsOnTheHomePage() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        for (String elsewhere :
                List.of("https://evil.example/", "//evil.example/", "/%2F%2Fevil.example/", "/\\evil")) {
            String tab = click(browser, "/oauth2/authorization/oidc?page=" + URLEncoder.encode(elsewhere, UTF_8));

            assertSignedInAt(browser, finish(browser, tab, username), "/", username);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/\u200B/evil.example", "/requests/req-\u00e9", "/requests?q=\u2603"})
    void aSingleSignOnLinkNamingAPageBeyondAsciiLandsOnThatPageReEncoded(String page) {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        String tab = click(browser, "/oauth2/authorization/oidc?page=" + URLEncoder.encode(page, UTF_8));

        HttpResponse<String> landed = finish(browser, tab, username);

        URI expected = URI.create(BASE + page);
        assertThat(landed.uri().getRawPath())
                .isEqualTo(URI.create(expected.toASCIIString()).getRawPath());
        assertThat(landed.uri().getRawQuery())
                .isEqualTo(URI.create(expected.toASCIIString()).getRawQuery());
        assertThat(landed.statusCode()).as("landed at %s", landed.uri()).isNotEqualTo(302);
        assertThat(signedInAs(browser)).isEqualTo(username);
    }

    @Test
    void aReturnFromTheProviderOpenedAgainBySomeoneSignedInGoesOnWithoutAFailure() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        String tab = begin(browser, "/requests/req-a1");
        finish(browser, tab, username);
        URI callback = browser.visited().stream()
                .filter(address -> address.getPath().equals(CALLBACK))
                .findFirst()
                .orElseThrow();

        HttpResponse<String> again = browser.open(callback.toString());

        assertThat(again.uri()).isEqualTo(URI.create(BASE + "/"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).doesNotContain("Single sign-on did not succeed");
        assertThat(signedInAs(browser)).isEqualTo(username);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {CALLBACK, CALLBACK + "?code=abc", CALLBACK + "?code=abc&state=", CALLBACK + "?error=x"})
    void aReturnWithoutAStateToSomeoneSignedInGoesOnWithoutAFailure(String address) {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        signOn(browser, username);

        HttpResponse<String> landed = browser.open(BASE + address);

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/"));
        assertThat(landed.body()).doesNotContain("Single sign-on did not succeed");
        assertThat(signedInAs(browser)).isEqualTo(username);
    }

    @Test
    void aReturnWithoutAStateToABrowserNotSignedInIsRefused() {
        Visitor browser = new Visitor();

        HttpResponse<String> refused = browser.open(BASE + CALLBACK + "?code=abc");

        assertThat(refused.uri()).isEqualTo(URI.create(BASE + "/login?sso=failed"));
        assertThat(signedInAs(browser)).isNull();
    }

    @Test
    void onlyTheLastFiveSignInsOfABrowserAreKept() {
        String username = directory.person(true);
        Visitor browser = new Visitor();
        List<String> tabs = new ArrayList<>();
        for (int tab = 1; tab <= 6; tab++) {
            tabs.add(begin(browser, "/requests/req-" + tab));
        }

        HttpResponse<String> oldest = browser.open(tabs.get(0));

        assertThat(oldest.uri()).isEqualTo(URI.create(BASE + "/login?sso=failed"));
        assertSignedInAt(browser, finish(browser, tabs.get(1), username), "/requests/req-2", username);
    }

    @Test
    void aSignInBegunInAnotherBrowserIsRefusedAndStaysItsOwn() {
        String owner = directory.person(true);
        Visitor begun = new Visitor();
        String authorization = begin(begun, "/requests/req-a1");
        Visitor other = new Visitor();

        HttpResponse<String> refused = other.open(authorization);

        assertThat(refused.uri()).isEqualTo(URI.create(BASE + "/login?sso=failed"));
        assertThat(signedInAs(other)).isNull();
        assertSignedInAt(begun, finish(begun, authorization, owner), "/requests/req-a1", owner);
    }

    @Test
    void aSignInBegunInAnotherBrowserNeitherSignsInNorSignsOutSomeoneSignedInThere() {
        String owner = directory.person(true);
        String other = directory.person(true);
        Visitor begun = new Visitor();
        String authorization = begin(begun, "/requests/req-a1");
        Visitor otherBrowser = new Visitor();
        signOn(otherBrowser, other);
        assertThat(signedInAs(otherBrowser)).isEqualTo(other);

        HttpResponse<String> landed = otherBrowser.open(authorization);

        assertThat(landed.uri()).isEqualTo(URI.create(BASE + "/"));
        assertThat(landed.body()).doesNotContain("Single sign-on did not succeed");
        assertThat(signedInAs(otherBrowser)).isEqualTo(other);
        assertSignedInAt(begun, finish(begun, authorization, owner), "/requests/req-a1", owner);
    }

    /** Opens {@code page} signed out, which leads to the sign-in page, and begins a single sign-on there. */
    private static String begin(Visitor browser, String page) {
        assertThat(browser.open(BASE + page).uri().getPath()).isEqualTo("/login");
        HttpResponse<String> started = browser.ask("GET", BASE + "/oauth2/authorization/oidc");
        assertThat(started.statusCode()).isEqualTo(302);
        return started.headers().firstValue("Location").orElseThrow();
    }

    /** Opens {@code page} signed out, which leads to the sign-in page; its single sign-on link. */
    private static String signInPageFor(Visitor browser, String page) {
        HttpResponse<String> signIn = browser.open(BASE + page);
        assertThat(signIn.uri().getPath()).isEqualTo("/login");
        Matcher link = SINGLE_SIGN_ON_LINK.matcher(signIn.body());
        assertThat(link.find()).as("single sign-on link on %s", signIn.body()).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    /** Follows a single sign-on link; the provider's address it leads to. */
    private static String click(Visitor browser, String link) {
        HttpResponse<String> started = browser.ask("GET", BASE + link);
        assertThat(started.statusCode()).isEqualTo(302);
        return started.headers().firstValue("Location").orElseThrow();
    }

    /** The provider signs {@code username} in at {@code authorization} and sends the browser back. */
    private static HttpResponse<String> finish(Visitor browser, String authorization, String username) {
        providerSays(claims(username, List.of()));
        return browser.open(authorization);
    }

    private static void assertSignedInAt(Visitor browser, HttpResponse<String> landed, String page, String username) {
        assertThat(landed.uri().getPath()).as("landed at %s", landed.uri()).isEqualTo(page);
        assertThat(landed.body()).doesNotContain("Single sign-on did not succeed");
        assertThat(signedInAs(browser)).isEqualTo(username);
    }

    /** The username the page header names beside Sign out, or null when nobody is signed in. */
    private static String signedInAs(Visitor browser) {
        Matcher header = SIGNED_IN_AS.matcher(browser.open(BASE + "/").body());
        return header.find() ? header.group(1) : null;
    }
}
