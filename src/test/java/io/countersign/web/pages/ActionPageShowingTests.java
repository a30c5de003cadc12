package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.countersign.shared.Channel;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * GET on a decision link shows what would be decided, every value escaped, and never decides; the
 * page is neither cached nor passed on and runs no script; nothing else under {@code /actions} is
 * open, and the page is no part of the API's description.
 */
@CountersignTest
class ActionPageShowingTests extends ActionPageTestBase {

    @Test
    void theLinkShowsWhoAsksForWhatEscapedAndDecidesNothing() throws Exception {
        String id = request();
        String token = token(id);

        MockHttpServletResponse page =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentType()).startsWith("text/html");
        String html = page.getContentAsString();
        assertThat(html)
                .contains(id, resource, "admin", "Step 1 of 1: Manager &lt;i&gt;Review&lt;/i&gt;")
                .contains("<time datetime=\"PT2H\" title=\"PT2H\">2 hours</time>")
                .containsPattern(
                        "<dd><time datetime=\"([^\"]+)\" title=\"\\1\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC</time>"
                                + "</dd>")
                .contains("Dana &lt;b&gt;Dev&lt;/b&gt; (" + dev + ")", "Lisa Lead (" + lisa + ")")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; INC-7")
                .doesNotContain("<script", "<b>Dev", "<i>Review")
                .contains("<label for=\"comment\">", "<textarea id=\"comment\" name=\"comment\"")
                .contains("name=\"decision\" value=\"approve\"", "name=\"decision\" value=\"reject\"")
                .contains("action=\"/actions/" + token + "\"", "name=\"viewport\"");
        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(read(id).get("decisions")).isEmpty();
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
    }

    @Test
    void aDelegatesLinkSaysWhomTheDecisionCountsFor() throws Exception {
        String ed = user("ed", "Ed <u>Delegate</u>");
        api.asAdmin()
                .post(
                        "/api/v1/users/" + lisa + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                ed,
                                "until",
                                clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(201);
        String id = request();
        String token = tokens.issue(id, 0, directory.idOf(ed).orElseThrow(), lisa, Channel.WEB);

        String html =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse().getContentAsString();

        assertThat(html)
                .contains("<dt>Deciding as</dt><dd>Ed &lt;u&gt;Delegate&lt;/u&gt; (" + ed + ")</dd>")
                .contains("<dt>On behalf of</dt><dd>Lisa Lead (" + lisa + ")</dd>");
    }

    @Test
    void thePageIsNeitherCachedNorLeakedAndRunsNoScript() throws Exception {
        String token = token(request());

        MockHttpServletResponse page =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();

        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        String policy = page.getHeader("Content-Security-Policy");
        assertThat(policy)
                .contains("default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .doesNotContain("script-src", "unsafe");
        Matcher nonce = Pattern.compile("style-src 'nonce-([^']+)'").matcher(policy);
        assertThat(nonce.find()).isTrue();
        assertThat(page.getContentAsString()).contains("<style nonce=\"" + nonce.group(1) + "\">");
        String again =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(again).isNotEqualTo(policy);
    }

    @Test
    void nothingElseUnderActionsIsOpen() throws Exception {
        String token = token(request());

        assertThat(mvc.perform(put("/actions/" + token))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/actions/" + token + "/more"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/actions")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void theDecisionPageIsNoPartOfTheApiDescription() {
        assertThat(api.asAdmin().get("/api/v1/openapi").expect(200).body())
                .contains("/api/v1/requests")
                .doesNotContain("/actions/");
    }
}
