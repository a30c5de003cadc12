package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.request.RequestTimers;
import io.countersign.shared.Channel;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A link that cannot decide (unknown, a mail's reply code, a request that ended or ran out of time, an
 * approver who left, a step kept off the web) says why on a readable page and changes nothing; only
 * the last still shows the request, without buttons. Refused decisions are audited, sparingly.
 */
@CountersignTest
class ActionPageRefusalTests extends ActionPageTestBase {

    @Autowired
    RequestTimers timers;

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
        String id = requestOf(List.of(Map.of(
                "name",
                "Review",
                "requiredApprovals",
                1,
                "approvers",
                List.of(Map.of("user", lisa)),
                "allowedDecisionChannels",
                List.of("API"))));
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

        api.deactivate(lisa);

        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();
        assertThat(shown.getStatus()).isEqualTo(409);
        assertThat(shown.getContentAsString())
                .contains("Nothing was decided")
                .doesNotContain("<form", "INC-7", dev, id);
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
        assertThat(linkRefusals(id)).contains("used (1 more like it since the last one recorded was not recorded)");
    }

    @Test
    void noFormShowsTheRequestOfAUsedLinkOrOneOfARequestThatEnded() throws Exception {
        String used = request();
        String usedToken = token(used);
        decide(usedToken, "approve", null);
        String cancelled = request();
        String cancelledToken = token(cancelled);
        api.as(tokenOf(dev))
                .post("/api/v1/requests/" + cancelled + "/cancel", null)
                .expect(200);

        assertNoFormShowsTheRequest(usedToken, used, "used");
        assertNoFormShowsTheRequest(cancelledToken, cancelled, "not pending");
    }

    @Test
    void noFormShowsTheRequestOfALinkWhoseStepIsOver() throws Exception {
        String mark = user("mark", "Mark Manager");
        String id = requestOf(List.of(approvedBy(lisa, mark), approvedBy(user("olga", "Olga Owner"))));
        String lisaToken = token(id);
        decide(tokens.issue(id, 0, directory.idOf(mark).orElseThrow(), Channel.WEB), "approve", null);

        assertNoFormShowsTheRequest(lisaToken, id, "step closed");
    }

    @Test
    void noFormShowsTheRequestOfALinkOfAnApproverWhoLeft() throws Exception {
        String id = requestOf(List.of(approvedBy(lisa, user("mark", "Mark Manager"))));
        String token = token(id);
        api.deactivate(lisa);

        assertNoFormShowsTheRequest(token, id, "not eligible");
    }

    @Test
    void aLinkOfAnApproverWhoDecidedTheStepElsewhereOffersNoButtons() throws Exception {
        String id = requestOf(List.of(Map.of(
                "requiredApprovals",
                2,
                "approvers",
                List.of(Map.of("user", lisa), Map.of("user", user("mark", "Mark Manager"))))));
        String token = token(id);
        api.as(tokenOf(lisa)).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();

        assertThat(shown.getStatus()).isEqualTo(409);
        assertThat(shown.getContentAsString())
                .contains("You have already decided this step.")
                .doesNotContain("<form", "INC-7", "<button");
        assertNoFormShowsTheRequest(token, id, "already decided");
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
    }

    @Test
    void noFormShowsTheRequestOfAnExpiredLink() throws Exception {
        String id = request();
        String token = token(id);
        clock.advance(Duration.ofMinutes(31));

        assertNoFormShowsTheRequest(token, id, "expired");
    }

    @Test
    void aLinkWhoseStepTheTimersRejectedSaysItExpired() throws Exception {
        String id = request();
        String token = token(id);
        clock.advance(Duration.ofMinutes(31));
        timers.sweep();

        MockHttpServletResponse shown =
                mvc.perform(get("/actions/" + token)).andReturn().getResponse();
        MockHttpServletResponse posted = decide(token, "approve", null);

        assertThat(read(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(shown.getContentAsString()).contains("This link has expired");
        assertThat(posted.getStatus()).isEqualTo(409);
        assertThat(posted.getContentAsString()).contains("the time to decide this step has run out");
        assertNoFormShowsTheRequest(token, id, "expired");
    }

    /** A form without a readable decision is refused like any other, before anything of it is read. */
    private void assertNoFormShowsTheRequest(String token, String id, String reason) throws Exception {
        clock.advance(RefusalAuditLimiter.WINDOW.plusSeconds(1));
        long decisions = decisionsThroughTheWeb(id);
        List<MockHttpServletRequestBuilder> forms = List.of(
                form(token).param("comment", "x"),
                form(token).param("decision", "APPROVE"),
                form(token).param("decision", "approve", "reject"),
                post("/actions/" + token + "?decision=approve")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("comment=x"));
        for (MockHttpServletRequestBuilder form : forms) {
            MockHttpServletResponse posted = mvc.perform(form).andReturn().getResponse();
            assertThat(posted.getStatus()).isEqualTo(409);
            assertThat(posted.getContentAsString())
                    .contains("Nothing was decided")
                    .doesNotContain("<form", "INC-7", dev, id, "Lisa Lead");
        }
        assertThat(linkRefusals(id)).anySatisfy(note -> assertThat(note).startsWith(reason));
        assertThat(decisionsThroughTheWeb(id)).isEqualTo(decisions);
        // one more, recorded, so that no count of left-out refusals is carried into another test
        clock.advance(RefusalAuditLimiter.WINDOW.plusSeconds(1));
        mvc.perform(forms.get(0));
    }

    /** The timers may record a timeout meanwhile; a link decides through the web. */
    private long decisionsThroughTheWeb(String id) {
        return read(id).get("decisions")
                .valueStream()
                .filter(decision -> decision.get("channel").asString().equals("WEB"))
                .count();
    }

    /** A request of Dev's for a resource of its own, under a policy with these steps. */
    private String requestOf(List<Map<String, Object>> steps) {
        String own = Api.unique("db");
        setup.database(own, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("policy"),
                                "conditions",
                                Map.of("resourceName", own),
                                "steps",
                                steps)))
                .expect(201);
        return api.as(tokenOf(dev))
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource", own, "account", "admin", "duration", "PT1H", "justification", HOSTILE)))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private static Map<String, Object> approvedBy(String... approvers) {
        return Map.of(
                "requiredApprovals",
                1,
                "approvers",
                Arrays.stream(approvers).map(name -> Map.of("user", name)).toList());
    }

    private static MockHttpServletRequestBuilder form(String token) {
        return post("/actions/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED);
    }

    private List<String> linkRefusals(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'web.decision_link_refused' and target = ?"
                        + " order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }
}
