package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The page behind a decision link: GET shows what would be decided and never decides, POST decides
 * once as the token's approver, every refusal is a readable page that changes nothing, and every
 * value is escaped. No bearer token is sent anywhere here.
 */
@CountersignTest
class ActionPageTests {

    private static final String HOSTILE = "<script>alert('x')</script> & INC-7";

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    AccessSetup setup;

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    String dev;
    String lisa;
    String resource;

    @BeforeEach
    void organisation() {
        dev = user("dev", "Dana <b>Dev</b>");
        lisa = user("lisa", "Lisa Lead");
        resource = Api.unique("db");
        setup.database(resource, "admin");
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", "Manager <i>Review</i>");
        step.put("requiredApprovals", 1);
        step.put("approvers", List.of(Map.of("user", lisa)));
        step.put("timeout", "PT30M");
        step.put("onTimeout", "REJECT");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("policy"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "steps",
                                List.of(step))))
                .expect(201);
    }

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
                .contains(id, resource, "admin", "2 hours", "Step 1 of 1: Manager &lt;i&gt;Review&lt;/i&gt;")
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
    void approvingDecidesOnceAsTheApproverThroughTheWebLink() throws Exception {
        String id = request();
        String token = token(id);

        MockHttpServletResponse approved = decide(token, "approve", "ok <img src=x onerror=alert(1)>");

        assertThat(approved.getStatus()).isEqualTo(200);
        assertThat(approved.getContentAsString())
                .contains("Approved", "Your approval of " + id + " was recorded", "access is granted");
        JsonNode read = read(id);
        assertThat(read.get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = read.get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(lisa);
        assertThat(decision.get("channel").asString()).isEqualTo("WEB");
        assertThat(decision.get("comment").asString()).isEqualTo("ok <img src=x onerror=alert(1)>");
        assertThat(jdbc.sql("select note from audit_events where request_id = ? and action = ?")
                        .params(id, "request.approval_recorded")
                        .query(String.class)
                        .single())
                .startsWith("via web link: ");

        MockHttpServletResponse replay = decide(token, "reject", null);
        assertThat(replay.getStatus()).isEqualTo(409);
        assertThat(replay.getContentAsString()).contains("Nothing was decided", "already been used");
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");

        String shown =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("already been used").doesNotContain("<form", "INC-7", dev);
    }

    @Test
    void aStolenLinkIsNoKeyToAnythingButItsOneDecision() throws Exception {
        String id = request();
        String other = request();
        String token = token(id);

        assertThat(mvc.perform(get("/api/v1/requests/" + id).header("Authorization", "Bearer " + token))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
        for (String page : List.of("/requests/" + id, "/approvals", "/")) {
            MockHttpServletResponse answer = mvc.perform(get(page)).andReturn().getResponse();
            assertThat(answer.getStatus()).as(page).isEqualTo(302);
            assertThat(answer.getRedirectedUrl()).as(page).endsWith("/login");
        }

        assertThat(decide(token, "approve", null).getStatus()).isEqualTo(200);

        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(read(other).get("status").asString()).isEqualTo("PENDING");
        assertThat(read(other).get("decisions")).isEmpty();
    }

    @Test
    void rejectingEndsTheRequest() throws Exception {
        String id = request();

        MockHttpServletResponse rejected = decide(token(id), "reject", "not during the freeze");

        assertThat(rejected.getStatus()).isEqualTo(200);
        assertThat(rejected.getContentAsString()).contains("Rejected", "The request is rejected.");
        assertThat(read(id).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void anUnknownLinkSaysSoAndDecidesNothing() throws Exception {
        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + "a".repeat(32))).andReturn().getResponse();
        MockHttpServletResponse posted = decide("<script>", "approve", null);

        assertThat(shown.getStatus()).isEqualTo(404);
        assertThat(shown.getContentAsString())
                .contains("This link is not valid")
                .doesNotContain("<form");
        assertThat(posted.getStatus()).isEqualTo(404);
        assertThat(posted.getContentAsString()).contains("This link is not valid");
    }

    @Test
    void aMailReplyCodeOpensNoDecisionLink() throws Exception {
        String id = request();
        String replyCode = tokens.issue(id, 0, directory.idOf(lisa).orElseThrow(), Channel.EMAIL);

        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + replyCode)).andReturn().getResponse();
        MockHttpServletResponse posted = decide(replyCode, "approve", null);

        assertThat(shown.getStatus()).isEqualTo(404);
        assertThat(shown.getContentAsString())
                .contains("This link is not valid")
                .doesNotContain("<form", id);
        assertThat(posted.getStatus()).isEqualTo(404);
        assertThat(posted.getContentAsString()).contains("This link is not valid");
        assertThat(read(id).get("decisions")).isEmpty();
        assertThat(tokens.peek(replyCode).orElseThrow().used()).isFalse();
    }

    @Test
    void aLinkToAStepNotDecidedOnTheWebSaysSoWithoutButtons() throws Exception {
        String apiOnly = Api.unique("db");
        setup.database(apiOnly, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("policy"),
                                "conditions",
                                Map.of("resourceName", apiOnly),
                                "steps",
                                List.of(Map.of(
                                        "name",
                                        "Review",
                                        "requiredApprovals",
                                        1,
                                        "approvers",
                                        List.of(Map.of("user", lisa)),
                                        "allowedDecisionChannels",
                                        List.of("API"))))))
                .expect(201);
        String id = api.as(tokenOf(dev))
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource", apiOnly, "account", "admin", "duration", "PT1H", "justification", "why")))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String token = token(id);

        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();
        MockHttpServletResponse posted = decide(token, "approve", null);

        assertThat(shown.getContentAsString())
                .contains("This step may not be decided here")
                .doesNotContain("<form");
        assertThat(posted.getStatus()).isEqualTo(409);
        assertThat(posted.getContentType()).startsWith("text/html");
        assertThat(posted.getContentAsString()).contains("Nothing was decided", "This step may not be decided here");
        assertThat(read(id).get("decisions")).isEmpty();
    }

    @Test
    void refusedUsesOfALinkAreAuditedAtMostOncePerReasonAMinute() throws Exception {
        clock.advance(RefusalAuditLimiter.WINDOW.plusSeconds(1));
        String id = request();
        String token = token(id);
        String replyCode = tokens.issue(id, 0, directory.idOf(lisa).orElseThrow(), Channel.EMAIL);
        decide(token, "approve", null);
        String other = request();

        assertThat(decide(token, "reject", null).getStatus()).isEqualTo(409);
        assertThat(decide(token(other), "approve", null).getStatus()).isEqualTo(200);
        assertThat(decide(token, "reject", null).getStatus()).isEqualTo(409);
        assertThat(decide(replyCode, "approve", null).getStatus()).isEqualTo(404);

        assertThat(linkRefusals(id)).containsExactly("used", "a token sent by EMAIL was used as a decision link");
        clock.advance(RefusalAuditLimiter.WINDOW.plusSeconds(1));
        decide(token, "reject", null);
        assertThat(linkRefusals(id)).contains("used (1 more like it since the last one recorded were not recorded)");
    }

    @Test
    void aFormWithoutADecisionOrWithTooLongACommentDecidesNothing() throws Exception {
        String id = request();
        String token = token(id);

        MockHttpServletResponse missing = decide(token, null, "<b>typed</b>");
        MockHttpServletResponse tooLong = decide(token, "approve", "x".repeat(2001));

        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentAsString())
                .contains("Choose Approve or Reject.", "&lt;b&gt;typed&lt;/b&gt;")
                .doesNotContain("<b>typed");
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentAsString()).contains("comment", "<form");
        assertThat(read(id).get("decisions")).isEmpty();
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
    }

    @Test
    void aLinkToARequestThatEndedOrRanOutOfTimeSaysSo() throws Exception {
        String cancelled = request();
        String cancelledToken = token(cancelled);
        api.as(tokenOf(dev))
                .post("/api/v1/requests/" + cancelled + "/cancel", null)
                .expect(200);
        String late = request();
        String lateToken = token(late);

        assertThat(mvc.perform(get("/actions/" + cancelledToken))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("already been decided, cancelled or has ended")
                .doesNotContain("<form", dev);
        clock.advance(Duration.ofMinutes(31));
        assertThat(mvc.perform(get("/actions/" + lateToken))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("This link has expired")
                .doesNotContain("<form");
        MockHttpServletResponse posted = decide(lateToken, "approve", null);
        assertThat(posted.getStatus()).isEqualTo(409);
        assertThat(posted.getContentAsString()).contains("This link has expired");
        assertThat(read(late).get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
    }

    @Test
    void aLinkOfAnApproverWhoLeftShowsNothingOfTheRequest() throws Exception {
        String id = request();
        String token = token(id);

        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa,
                        Api.json(Map.of("email", lisa + "@example.com", "role", "USER", "active", false)))
                .expect(200);

        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();
        assertThat(shown.getStatus()).isEqualTo(409);
        assertThat(shown.getContentAsString())
                .contains("Nothing was decided")
                .doesNotContain("<form", "INC-7", dev, id);
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

    private MockHttpServletResponse decide(String token, String decision, String comment) throws Exception {
        MockHttpServletRequestBuilder form =
                post("/actions/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (decision != null) {
            form.param("decision", decision);
        }
        if (comment != null) {
            form.param("comment", comment);
        }
        return mvc.perform(form).andReturn().getResponse();
    }

    private List<String> linkRefusals(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'web.decision_link_refused' and target = ?"
                        + " order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }

    private String user(String base, String displayName) {
        String name = Api.unique(base);
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", name, "email", name + "@example.com", "displayName", displayName)))
                .expect(201);
        return name;
    }

    private String tokenOf(String user) {
        return api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", Api.unique("test"))))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    private String request() {
        return api.as(tokenOf(dev))
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT2H",
                                "justification",
                                HOSTILE)))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String token(String id) {
        return tokens.issue(id, 0, directory.idOf(lisa).orElseThrow(), Channel.WEB);
    }

    private JsonNode read(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }
}
