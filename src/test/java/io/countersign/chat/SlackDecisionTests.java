package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.testing.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * Approving inside Slack: an approver's direct message carries buttons holding an action token; a
 * signed click decides, and every interaction that decides nothing is refused, audited and answered
 * with an ephemeral message.
 */
class SlackDecisionTests extends SlackDecisionFixture {

    @Autowired
    MeterRegistry meters;

    private double refusedCount(String reason) {
        var counter = meters.find("countersign.chat.callbacks.refused")
                .tags("platform", "slack", "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** This test's channel's refused call backs, as audited. */
    private List<String> callbackRefusals() {
        return jdbc.sql("select note from audit_events where action = 'chat.callback_refused' and target = ?"
                        + " order by id")
                .param("channel:" + channel)
                .query(String.class)
                .list();
    }

    @Test
    void aSignedClickApprovesAndAReplayedClickIsRefused() throws Exception {
        String id = request();
        String token = token();

        assertThat(click("approve_request", token).getStatus()).isEqualTo(200);
        assertThat(request(id).get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = request(id).get("decisions").get(0);
        assertThat(decision.get("channel").asString()).isEqualTo("SLACK");
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());
        assertThat(lastEphemeral()).isEqualTo("Approved " + id + ".");
        assertThat(platform.seen("/api/users.info").get(0).body()).isEqualTo("user=U1");

        click("approve_request", token);
        assertThat(lastEphemeral()).contains("already used");
        assertThat(refusals()).anyMatch(note -> note.contains("U1") && note.contains("already used"));
    }

    @Test
    void theSignatureCoversTheBodyAsSentWhateverItsPercentEncoding() throws Exception {
        String id = request();
        String token = token();
        // as other encoders write it: %2A for *, %20 for a space, where Java's would write * and +
        String body = "payload="
                + URLEncoder.encode(Api.json(clickPayload("approve_request", token)), StandardCharsets.UTF_8)
                        .replace("%2C", "%2C%20")
                + "&note=%2ARequester%2A%20here";
        long now = clock.instant().getEpochSecond();

        MockHttpServletResponse tampered =
                sendSigned(body, body.replace("%2ARequester%2A", "%2AOther%2A"), now, SIGNING);
        assertThat(tampered.getStatus()).isEqualTo(401);
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        assertThat(sendRaw(body, now, SIGNING).getStatus()).isEqualTo(200);
        assertThat(request(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aBadSignatureAndAnOldTimestampDecideNothingAndAreAnsweredAlikeAndAuditedOnceAMinute() throws Exception {
        String id = request();
        String token = token();
        int audited = refusals().size();
        double counted = refusedCount("bad_signature");

        long now = clock.instant().getEpochSecond();
        MockHttpServletResponse forged = send(clickPayload("approve_request", token), now, "not-the-secret");
        assertThat(forged.getStatus()).isEqualTo(401);
        assertThat(forged.getContentAsString()).contains("Refused").doesNotContain("not-the-secret");
        MockHttpServletResponse old = send(clickPayload("approve_request", token), now - 301, SIGNING);
        assertThat(old.getStatus()).isEqualTo(401);
        assertThat(old.getContentAsString()).isEqualTo(forged.getContentAsString());
        // an old forgery is a forgery: its timestamp is not the signer's
        send(clickPayload("approve_request", token), now - 301, "not-the-secret");
        send(clickPayload("approve_request", token), now, "not-the-secret");

        assertThat(callbackRefusals())
                .containsExactly(
                        "slack channel " + channel + ": bad signature",
                        "slack channel " + channel + ": timestamp more than five minutes away");
        clock.advance(java.time.Duration.ofSeconds(61));
        send(clickPayload("approve_request", token), clock.instant().getEpochSecond(), "not-the-secret");
        assertThat(callbackRefusals())
                .last()
                .isEqualTo("slack channel " + channel
                        + ": bad signature (2 more like it since the last one recorded were not recorded)");
        assertThat(refusedCount("bad_signature") - counted).isEqualTo(4.0);

        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(platform.seen("/respond")).isEmpty();
        assertThat(platform.seen("/api/users.info")).isEmpty();
        assertThat(refusals()).hasSize(audited);
    }

    @Test
    void anInteractionForAChannelThatDoesNotExistOrIsNotSlackIsRefusedLikeAForgedOne() throws Exception {
        String body = "payload=%7B%7D";
        long now = clock.instant().getEpochSecond();
        String forged = send(Map.of(), now, "not-the-secret").getContentAsString();
        String teams = Api.unique("teams");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of("name", teams, "type", "TEAMS", "webhookUrl", platform.url() + "/teams")))
                .expect(201);

        for (String other : List.of("no-such-" + channel, teams)) {
            MockHttpServletResponse refused = mvc.perform(post("/chat/slack/" + other + "/interactions")
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .header("X-Slack-Request-Timestamp", String.valueOf(now))
                            .header("X-Slack-Signature", "v0=00")
                            .content(body))
                    .andReturn()
                    .getResponse();
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(refused.getContentAsString()).isEqualTo(forged);
        }
        assertThat(jdbc.sql(
                                "select count(*) from audit_events where action = 'chat.callback_refused'"
                                        + " and target = 'channel:unknown' and note like 'slack channel unknown: no such channel%'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void aNonApproverAndAnUnknownSlackUserAreRefusedAuditedAndTold() throws Exception {
        String id = request();
        String token = token();

        profile(mark.name() + "@example.com");
        click("approve_request", token);
        assertThat(lastEphemeral()).contains("sent to somebody else");

        profile("stranger@elsewhere.example");
        click("approve_request", token);
        assertThat(lastEphemeral()).contains("not that of exactly one active Countersign user");

        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(refusals())
                .anyMatch(note -> note.contains("somebody else"))
                .anyMatch(note -> note.contains("exactly one"));
    }

    @Test
    void aRefusedClickIsAuditedFromTheSlackAccountItsDecisionIsAuditedFrom() throws Exception {
        String id = request();
        String token = token();

        profile(mark.name() + "@example.com");
        click("approve_request", token);
        profile(lisa.name() + "@example.com");
        click("approve_request", token);

        assertThat(request(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(jdbc.sql("select action, source_address from audit_events where request_id = ?"
                                + " and action in ('chat.decision_refused', 'request.approval_recorded') order by id")
                        .param(id)
                        .query((row, n) -> row.getString(1) + " " + row.getString(2))
                        .list())
                .containsExactly("chat.decision_refused slack:U1", "request.approval_recorded slack:U1");
    }

    @Test
    void slackFailingToSayWhoClickedIsToldAsSuchAndDecidesNothing() throws Exception {
        String id = request();
        String token = token();

        platform.answer("/api/users.info", 500, "{}");
        click("approve_request", token);

        String why = "Countersign could not ask Slack who you are (Slack users.info answered 500); try again";
        assertThat(lastEphemeral()).isEqualTo("Nothing was decided: " + why + ".");
        assertThat(refusals()).anyMatch(note -> note.equals("SLACK user U1: " + why));
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        profile(lisa.name() + "@example.com");
        click("approve_request", token);
        assertThat(lastEphemeral()).isEqualTo("Approved " + id + ".");
    }
}
