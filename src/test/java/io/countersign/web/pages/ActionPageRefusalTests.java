package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.shared.Channel;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A link that cannot decide (unknown, a mail's reply code, a request that ended or ran out of time, an
 * approver who left, a step kept off the web) says why on a readable page and changes nothing; only
 * the last still shows the request, without buttons. Refused decisions are audited, sparingly.
 */
@CountersignTest
class ActionPageRefusalTests extends ActionPageTestBase {

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

    private List<String> linkRefusals(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'web.decision_link_refused' and target = ?"
                        + " order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }
}
