package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * POST on a decision link decides once, as the token's approver and through the web channel, and is
 * no key to anything else; a form without a decision or with too long a comment decides nothing.
 */
@CountersignTest
class ActionPageDecidingTests extends ActionPageTestBase {

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
    void rejectingEndsTheRequest() throws Exception {
        String id = request();

        MockHttpServletResponse rejected = decide(token(id), "reject", "not during the freeze");

        assertThat(rejected.getStatus()).isEqualTo(200);
        assertThat(rejected.getContentAsString()).contains("Rejected", "The request is rejected.");
        assertThat(read(id).get("status").asString()).isEqualTo("REJECTED");
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
        assertThat(tooLong.getContentAsString())
                .contains("<form", "id=\"comment-error\"", "Must be at most 2000 characters.")
                .containsPattern("<textarea id=\"comment\"[^>]*aria-invalid=\"true\"")
                .containsPattern("<textarea id=\"comment\"[^>]*aria-describedby=\"comment-error\"")
                .doesNotContain("comment: must");
        assertThat(missing.getContentAsString()).doesNotContain("aria-invalid=\"true\"", "comment-error");
        assertThat(read(id).get("decisions")).isEmpty();
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
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
}
