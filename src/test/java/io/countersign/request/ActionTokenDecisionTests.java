package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.request.Organisation.Person;
import io.countersign.shared.Channel;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Action tokens decide a step as the approver they were issued to, or their delegator, through the
 * same rules as the API, and the audit says through which channel.
 */
@CountersignTest
class ActionTokenDecisionTests extends ActionTokensTestBase {

    @Autowired
    RequestTimers timers;

    @Test
    void aTokenApprovesAsItsApproverThroughItsChannelAndTheAuditSaysByEmail() {
        String webhook = org.webhook("/tokens", "request.approved");
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        AccessRequest approved = tokens.redeem(token, Channel.EMAIL, true, "fine by me", idOf(lisa), "192.0.2.7");

        assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
        JsonNode read = read(id);
        assertThat(read.get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = read.get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());
        assertThat(decision.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(decision.get("comment").asString()).isEqualTo("fine by me");
        Map<String, Object> audit = jdbc.sql("""
                        select actor, channel, source_address, note from audit_events
                        where request_id = ? and action = 'request.approval_recorded'""").param(id).query().singleRow();
        assertThat(audit)
                .containsEntry("actor", lisa.name())
                .containsEntry("channel", "EMAIL")
                .containsEntry("source_address", "192.0.2.7");
        assertThat((String) audit.get("note")).startsWith("By email: step 1 'Review': 1 of 1 approvals");
        assertThat(webhookPayload(webhook, "request.approved", id)).contains("\"channel\":\"EMAIL\"");
    }

    @Test
    void aTokenRejectsAndTheAuditAndWebhookSayHowItCame() {
        String webhook = org.webhook("/tokens", "request.rejected");
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));

        tokens.redeem(
                tokens.issue(id, 0, idOf(lisa), Channel.SLACK), Channel.SLACK, false, "not now", idOf(lisa), null);

        assertThat(read(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(read(id).get("decisions").get(0).get("channel").asString()).isEqualTo("SLACK");
        assertThat(auditNote(id, "request.rejected")).isEqualTo("via Slack: rejected at step 1: not now");
        assertThat(webhookPayload(webhook, "request.rejected", id)).contains("\"channel\":\"SLACK\"");
    }

    @Test
    void aChatTokenIsTakenOnlyThroughTheChatChannelThatSentItAndNoLongerOnceThatChannelIsDeleted() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issueForChat(id, 0, idOf(lisa), Channel.SLACK, "slack-dm");

        assertThat(tokens.peek(token, Channel.SLACK, "slack-room")).isEmpty();
        assertThat(tokens.peek(token, Channel.SLACK)).isEmpty();
        for (String other : new String[] {"slack-room", null}) {
            assertThatThrownBy(() -> tokens.redeem(token, Channel.SLACK, other, true, null, idOf(lisa), null))
                    .isInstanceOfSatisfying(
                            ActionTokenRefused.class,
                            refused -> assertThat(refused.refusal()).isEqualTo(ActionTokenRefused.Reason.UNKNOWN));
        }
        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(tokens.peek(token, Channel.SLACK, "slack-dm")).isPresent();

        tokens.forgetChatChannel("slack-dm");
        assertThat(tokens.peek(token, Channel.SLACK, "slack-dm")).isEmpty();
    }

    @Test
    void eachChannelSaysItsOwnWayInTheAuditNote() {
        Map<Channel, String> means =
                Map.of(Channel.TELEGRAM, "via Telegram: ", Channel.WEB, "via web link: ", Channel.EMAIL, "By email: ");
        means.forEach((via, prefix) -> {
            String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
            tokens.redeem(tokens.issue(id, 0, idOf(lisa), via), via, true, null, null, null);
            assertThat(auditNote(id, "request.approval_recorded"))
                    .as(via.name())
                    .startsWith(prefix);
        });
    }

    @Test
    void decisionsThroughTheApiKeepTheirPlainNote() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertThat(auditNote(id, "request.approval_recorded")).isEqualTo("step 1 'Review': 1 of 1 approvals");
    }

    @Test
    void aDelegateGetsATokenThatDecidesOnBehalfOfTheDelegatorAsTheApiWould() {
        delegate(lisa, sam);
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));

        String token = tokens.issue(id, 0, idOf(sam), Channel.EMAIL);
        assertThat(tokens.peek(token).orElseThrow().approver()).isEqualTo(sam.name());
        assertThat(tokens.peek(token).orElseThrow().refusalAt(clock.instant())).isEmpty();
        tokens.redeem(token, Channel.EMAIL, true, "for lisa", idOf(sam), null);

        JsonNode decision = read(id).get("decisions").get(0);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(decision.get("approver").asString()).isEqualTo(sam.name());
        assertThat(auditNote(id, "request.approval_recorded")).startsWith("By email, on behalf of " + lisa.name());
    }

    @Test
    void aTokenNamingADelegatorDecidesAsItsHolderOnceTheStepListsThemInTheirOwnRight() {
        Person tom = org.person("tom");
        String delegation = delegate(lisa, tom);
        String stillDelegated =
                org.pendingRequest(dev, List.of(Organisation.escalatingStep("Review", lisa, "PT30M", tom)));
        String delegationEnded =
                org.pendingRequest(dev, List.of(Organisation.escalatingStep("Review", lisa, "PT30M", tom)));
        String first = tokens.issue(stillDelegated, 0, idOf(tom), lisa.name(), Channel.EMAIL);
        String second = tokens.issue(delegationEnded, 0, idOf(tom), lisa.name(), Channel.EMAIL);
        assertThat(tokens.peek(first).orElseThrow().onBehalfOf()).isEqualTo(lisa.name());
        clock.advance(Duration.ofMinutes(31));
        timers.fire(stillDelegated);
        timers.fire(delegationEnded);

        tokens.redeem(first, Channel.EMAIL, true, null, idOf(tom), null);
        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204);
        tokens.redeem(second, Channel.EMAIL, true, null, idOf(tom), null);

        // the escalation made tom an approver himself: he decides as himself, whatever the mail said
        for (String id : List.of(stillDelegated, delegationEnded)) {
            JsonNode read = read(id);
            assertThat(read.get("status").asString()).as(id).isEqualTo("APPROVED");
            JsonNode decision = read.get("decisions").get(0);
            assertThat(decision.get("approver").asString()).isEqualTo(tom.name());
            assertThat(decision.path("onBehalfOf").isMissingNode()
                            || decision.path("onBehalfOf").isNull())
                    .as("decided on nobody's behalf")
                    .isTrue();
            assertThat(auditNote(id, "request.approval_recorded")).startsWith("By email: step 1");
        }
    }

    @Test
    void peekTellsWhatATokenIsForWithoutUsingIt() {
        String id =
                org.pendingRequest(dev, List.of(Organisation.timedStep("Manager", lisa, "PT30M", "REJECT")), Map.of());
        String token = tokens.issue(id, 0, idOf(lisa), Channel.WEB);

        ActionTokenView view = tokens.peek(token).orElseThrow();

        assertThat(view.requestId()).isEqualTo(id);
        assertThat(view.step()).isZero();
        assertThat(view.stepName()).isEqualTo("Manager");
        assertThat(view.stepCount()).isEqualTo(1);
        assertThat(view.approverId()).isEqualTo(idOf(lisa));
        assertThat(view.approver()).isEqualTo(lisa.name());
        assertThat(view.via()).isEqualTo(Channel.WEB);
        assertThat(view.used()).isFalse();
        assertThat(view.deadline())
                .isEqualTo(Instant.parse(
                        read(id).get("steps").get(0).get("deadline").asString()));
        assertThat(view.request().requester()).isEqualTo(dev.name());
        assertThat(read(id).get("decisions")).isEmpty();
    }

    private String auditNote(String id, String action) {
        return jdbc.sql("select note from audit_events where request_id = ? and action = ?")
                .params(id, action)
                .query(String.class)
                .single();
    }

    /**
     * The webhook hears every request of its type, and a timer of an earlier test may end another
     * request while this one runs, so the delivery is picked by the request it is about.
     */
    private String webhookPayload(String webhook, String type, String requestId) {
        return jdbc.sql(
                        "select payload from webhook_deliveries where webhook_id = ? and event_type = ? and payload like ?")
                .params(webhook, type, "%\"" + requestId + "\"%")
                .query(String.class)
                .single();
    }
}
