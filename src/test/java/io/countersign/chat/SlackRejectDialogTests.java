package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * Rejecting inside Slack: Reject asks for the reason in a modal, whose submission decides or shows
 * under the reason why it cannot.
 */
class SlackRejectDialogTests extends SlackDecisionFixture {

    @Test
    void rejectOpensAModalAndItsSubmissionRejectsWithTheReason() throws Exception {
        String id = request();
        String token = token();

        click("reject_request", token);
        JsonNode opened = platform.seen("/api/views.open").get(0).json();
        assertThat(opened.get("trigger_id").asString()).isEqualTo("trig-1");
        assertThat(opened.get("view").get("private_metadata").asString()).isEqualTo(token);
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("callback_id", "reject_request");
        view.put("private_metadata", token);
        view.put("state", Map.of("values", Map.of("reason", Map.of("reason", Map.of("value", "change freeze")))));
        MockHttpServletResponse answer = send(
                Map.of("type", "view_submission", "user", Map.of("id", "U1"), "view", view),
                clock.instant().getEpochSecond(),
                SIGNING);
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getContentAsString()).isEmpty();
        assertThat(request(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(request(id).get("decisions").get(0).get("comment").asString())
                .isEqualTo("change freeze");

        MockHttpServletResponse again = send(
                Map.of("type", "view_submission", "user", Map.of("id", "U1"), "view", view),
                clock.instant().getEpochSecond(),
                SIGNING);
        assertThat(again.getContentAsString())
                .contains("\"response_action\":\"errors\"")
                .contains("already used");
    }

    private MockHttpServletResponse submit(String token, String reason) throws Exception {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("callback_id", "reject_request");
        view.put("private_metadata", token);
        view.put("state", Map.of("values", Map.of("reason", Map.of("reason", Map.of("value", reason)))));
        return send(
                Map.of("type", "view_submission", "user", Map.of("id", "U1"), "view", view),
                clock.instant().getEpochSecond(),
                SIGNING);
    }

    @Test
    void aReasonThatBreaksTheRulesOfEveryCommentIsShownUnderItAndDecidesNothing() throws Exception {
        String id = request();
        String token = token();

        click("reject_request", token);
        JsonNode input = platform.seen("/api/views.open")
                .get(0)
                .json()
                .get("view")
                .get("blocks")
                .get(0)
                .get("element");
        assertThat(input.get("max_length").asInt()).isEqualTo(2000);

        MockHttpServletResponse tooLong = submit(token, "x".repeat(2001));
        assertThat(tooLong.getStatus()).isEqualTo(200);
        assertThat(tooLong.getContentType()).startsWith("application/json");
        JsonNode errors = Api.JSON_READER.readTree(tooLong.getContentAsString());
        assertThat(errors.get("response_action").asString()).isEqualTo("errors");
        assertThat(errors.get("errors").get("reason").asString())
                .isEqualTo("Not rejected: the reason must be at most 2000 characters.");
        MockHttpServletResponse override = submit(token, "see INC-\u202E321");
        assertThat(override.getStatus()).isEqualTo(200);
        assertThat(Api.JSON_READER
                        .readTree(override.getContentAsString())
                        .get("errors")
                        .get("reason")
                        .asString())
                .contains("U+202E at position 9");
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        assertThat(submit(token, "change freeze").getStatus()).isEqualTo(200);
        assertThat(request(id).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void rejectOnAButtonThatCanDecideNothingAnymoreSaysSoWithoutOpeningTheDialog() throws Exception {
        String id = request();
        String token = token();
        scene.approve(lisa, id);
        scene.awaitNothingDue();

        click("reject_request", token);

        assertThat(platform.seen("/api/views.open")).isEmpty();
        assertThat(lastEphemeral()).isEqualTo("Nothing was decided: the request is no longer pending.");
        assertThat(refusals()).anyMatch(note -> note.contains("U1") && note.contains("no longer pending"));
    }
}
