package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A decision link with something added to it (a slash, {@code ;x}, an escaped character), changed
 * around its token or not known at all, sent over a real socket as written: whatever refuses it (the
 * firewall, the security rules, the container, the page) never repeats the token, neither in a problem
 * document's {@code instance} nor in a page; a browser is told on the link's own page that nothing was
 * decided, and nothing is.
 */
class DecisionLinkVariantsTests extends ServedPagesTestBase {

    private static final String BROWSER = "Accept: text/html,application/xhtml+xml,*/*;q=0.8";
    private static final String SCRIPT = "Accept: application/json";

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    String id;
    String token;

    @BeforeEach
    void link() {
        BrowserScene scene = new BrowserScene(api);
        id = scene.request("to look into INC-7");
        token = tokens.issue(id, 0, directory.idOf(scene.lead).orElseThrow(), Channel.WEB);
    }

    /** Refused before any page runs: by the firewall ({@code ;}, {@code //}, {@code /.}) or the rules. */
    private List<String> variants() {
        return List.of(
                "/actions/" + token + "/",
                "/actions/" + token + ";x",
                "/actions;x/" + token,
                "/actions/" + token + "%3Bx",
                "/actions//" + token,
                "/actions/" + token + "/.",
                "/%61ctions/" + token + "/",
                "/actions/" + token.toUpperCase() + "/",
                "/actions/" + token + "/more",
                "/actions/" + token + "/..",
                "/actions/" + token + "/..;/",
                "/actions/" + token + "/%2e%2e/",
                "/actions/" + token + "/..;x");
    }

    @Test
    void aScriptIsAnsweredWithAProblemDocumentThatLeavesTheAddressOut() throws Exception {
        for (String variant : variants()) {
            for (String accept : new String[] {SCRIPT, "Accept: */*"}) {
                Answer answer = RawHttp.send(port, "GET", variant, accept);

                assertThat(answer.status()).as(variant).isBetween(400, 404);
                assertThat(answer.body()).as(variant).doesNotContainIgnoringCase(token);
                assertThat(answer.json().has("instance")).as(variant).isFalse();
                assertThat(answer.json().get("status").asInt()).as(variant).isEqualTo(answer.status());
            }
        }
        // every other address is still named in its problem document
        assertThat(RawHttp.send(port, "GET", "/approvals;x", SCRIPT)
                        .json()
                        .get("instance")
                        .asString())
                .isEqualTo("/approvals;x");
    }

    @Test
    void aBrowserIsToldOnTheLinksOwnPageThatTheLinkIsNotValid() throws Exception {
        for (String variant : variants()) {
            Answer answer = RawHttp.send(port, "GET", variant, BROWSER);

            assertThat(answer.status()).as(variant).isBetween(400, 404);
            assertThat(answer.contentType()).as(variant).startsWith("text/html");
            assertThat(answer.body())
                    .as(variant)
                    .contains("<title>Nothing was decided - Countersign", "This link is not valid")
                    .doesNotContain("Not allowed", "Sign out", "<form", "<a ")
                    .doesNotContainIgnoringCase(token);
        }
    }

    @Test
    void anAddressTheServerCannotReadRepeatsNoToken() throws Exception {
        for (String unreadable : List.of(
                "/actions/" + token + "%2F",
                "/actions/" + token + "%2Fmore",
                "/actions/" + token + "%00",
                "/actions/" + token + "%zz",
                "/actions/" + token + "|",
                "/actions/" + token + "?x=%zz")) {
            for (String accept : new String[] {SCRIPT, BROWSER}) {
                Answer answer = RawHttp.send(port, "GET", unreadable, accept);

                assertThat(answer.status()).as(unreadable).isEqualTo(400);
                assertThat(answer.body()).as(unreadable).doesNotContainIgnoringCase(token);
                if (accept.equals(SCRIPT)) {
                    // as every other problem document: JSON is UTF-8, so no charset is named
                    assertThat(answer.contentType()).as(unreadable).isEqualTo("application/problem+json");
                }
            }
        }
        // an unreadable query reaches the link's page too, past the container
        Answer page = RawHttp.send(port, "GET", "/actions/" + token + "?x=%zz", BROWSER);
        assertThat(page.body()).contains("Nothing was decided", "This link is not valid");
        Answer problem = RawHttp.send(port, "GET", "/actions/" + token + "?x=%zz", SCRIPT);
        assertThat(problem.json().get("detail").asString()).contains("could not be read");
        assertThat(problem.json().has("instance")).isFalse();
    }

    @Test
    void aBrowserIsShownTheLinksOwnPageForALinkTheServerCannotRead() throws Exception {
        for (String unreadable :
                List.of("/actions/" + token + "%2F", "/actions/" + token + "%2Fmore", "/actions/" + token + "%5C")) {
            Answer answer = RawHttp.send(port, "GET", unreadable, BROWSER);

            assertThat(answer.status()).as(unreadable).isEqualTo(400);
            assertThat(answer.contentType()).as(unreadable).startsWith("text/html");
            assertThat(answer.body())
                    .as(unreadable)
                    .contains("<title>Nothing was decided - Countersign", "This link is not valid")
                    .doesNotContain("could not be read", "<form", "<a ")
                    .doesNotContainIgnoringCase(token);
        }
        // any other address the server cannot read still gets the error page
        assertThat(RawHttp.send(port, "GET", "/requests/a%2Fb", BROWSER).body())
                .contains("could not be read")
                .doesNotContain("This link is not valid");
    }

    @Test
    void aLinkWithASpaceOrTabEscapedIntoItShowsNothingAndDecidesNothing() throws Exception {
        for (String variant :
                List.of("/actions/" + token + "%20", "/actions/" + token + "%09", "/actions/%20" + token)) {
            Answer page = RawHttp.send(port, "GET", variant, BROWSER);
            Answer post = RawHttp.sendBody(
                    port,
                    "POST",
                    variant,
                    "decision=approve",
                    "Content-Type: application/x-www-form-urlencoded",
                    BROWSER);

            assertThat(page.status()).as(variant).isEqualTo(404);
            assertThat(page.body())
                    .as(variant)
                    .contains("This link is not valid")
                    .doesNotContain("<form", id)
                    .doesNotContainIgnoringCase(token);
            assertThat(post.status()).as(variant).isEqualTo(404);
            assertThat(post.body()).as(variant).contains("This link is not valid");
        }

        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
    }

    @Test
    void aBrowserAskingForNoLinkAtAllIsShownNobodySignedIn() throws Exception {
        Answer answer = RawHttp.send(port, "GET", "/actions/", BROWSER);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body())
                .contains("<title>Not found")
                .doesNotContain("anonymousUser", "Sign out", "My requests");
    }

    @Test
    void anUnknownLinkRepeatsNoToken() throws Exception {
        String unknown = "a".repeat(32);
        for (String accept : new String[] {SCRIPT, BROWSER}) {
            for (String path : List.of("/actions/" + unknown, "/actions/" + unknown + "/")) {
                Answer answer = RawHttp.send(port, "GET", path, accept);

                assertThat(answer.status()).as(path).isIn(403, 404);
                assertThat(answer.body()).as(path).doesNotContain(unknown);
            }
        }
    }

    @Test
    void aDecisionSentInAnotherFormIsRefusedWithoutRepeatingTheToken() throws Exception {
        Answer json = RawHttp.sendBody(
                port, "POST", "/actions/" + token, "{\"decision\":\"approve\"}", "Content-Type: application/json");
        Answer put = RawHttp.sendBody(
                port,
                "PUT",
                "/actions/" + token,
                "decision=approve",
                "Content-Type: application/x-www-form-urlencoded",
                SCRIPT);

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().has("instance")).isFalse();
        assertThat(json.body()).doesNotContainIgnoringCase(token);
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.json().has("instance")).isFalse();
        assertThat(put.body()).doesNotContainIgnoringCase(token);
    }

    @Test
    void aDecisionSentToAnAddressWithSomethingAddedDecidesNothing() throws Exception {
        for (String variant : variants()) {
            RawHttp.sendBody(
                    port,
                    "POST",
                    variant,
                    "decision=approve",
                    "Content-Type: application/x-www-form-urlencoded",
                    BROWSER);
        }
        RawHttp.sendBody(
                port,
                "POST",
                "/actions/" + token + "?x=%zz",
                "decision=approve",
                "Content-Type: application/x-www-form-urlencoded");

        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
        Answer page = RawHttp.send(port, "GET", "/actions/" + token, BROWSER);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"decision\" value=\"approve\"");
    }
}
