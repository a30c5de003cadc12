package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.Organisation.Person;
import io.countersign.shared.Channel;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Action tokens decide a step as the approver they were issued to, once, through the same rules as
 * the API; every refusal names its reason and changes nothing.
 */
@CountersignTest
class ActionTokensTests extends DevAndLisaTestBase {

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    TransactionTemplate transactions;

    Person sam;

    @BeforeEach
    void cast() {
        sam = org.person("sam");
    }

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
        assertThat((String) audit.get("note")).startsWith("By email: step 0 'Review': 1 of 1 approvals");
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
        assertThat(auditNote(id, "request.rejected")).isEqualTo("via Slack: rejected at step 0: not now");
        assertThat(webhookPayload(webhook, "request.rejected", id)).contains("\"channel\":\"SLACK\"");
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

        assertThat(auditNote(id, "request.approval_recorded")).isEqualTo("step 0 'Review': 1 of 1 approvals");
    }

    @Test
    void aTokenIsStoredOnlyAsAHashAndLooksLikeLowerCaseBase32() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        assertThat(token).matches("[a-z2-7]{32}");
        List<String> stored = jdbc.sql("select token_hash from action_tokens where request_id = ?")
                .param(id)
                .query(String.class)
                .list();
        assertThat(stored).containsExactly(ActionTokenText.hash(token)).doesNotContain(token);
    }

    @Test
    void aTokenWorksOnceAndUsesEveryOtherTokenOfItsBinding() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 2, lisa, sam)));
        String first = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        String second = tokens.issue(id, 0, idOf(lisa), Channel.WEB);
        String sams = tokens.issue(id, 0, idOf(sam), Channel.EMAIL);

        tokens.redeem(first, Channel.EMAIL, true, null, null, null);

        assertRefused(() -> tokens.redeem(first, Channel.EMAIL, true, null, null, null), Reason.USED);
        assertRefused(() -> tokens.redeem(second, Channel.WEB, false, null, null, null), Reason.USED);
        assertThat(read(id).get("decisions")).hasSize(1);
        assertThat(tokens.peek(sams).orElseThrow().used()).isFalse();
        tokens.redeem(sams, Channel.EMAIL, true, null, null, null);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aTokenTheMailSystemTurnedToUpperCaseStillWorks() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        tokens.redeem(token.toUpperCase(), Channel.EMAIL, true, null, null, null);

        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void unknownAndMalformedTokensAreRefusedAsUnknown() {
        assertRefused(() -> tokens.redeem("a".repeat(32), Channel.EMAIL, true, null, null, null), Reason.UNKNOWN);
        assertRefused(() -> tokens.redeem("not a token", Channel.EMAIL, true, null, null, null), Reason.UNKNOWN);
        assertRefused(() -> tokens.redeem(null, Channel.EMAIL, true, null, null, null), Reason.UNKNOWN);
        assertThat(tokens.peek("a".repeat(32))).isEmpty();
        assertThat(tokens.peek("<script>")).isEmpty();
    }

    @Test
    void aTokenPresentedThroughAnotherChannelThanItWasSentByIsUnknownThereAndStaysUsable() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String replyCode = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        String link = tokens.issue(id, 0, idOf(lisa), Channel.WEB);

        assertRefused(() -> tokens.redeem(replyCode, Channel.WEB, true, null, null, null), Reason.UNKNOWN);
        assertRefused(() -> tokens.redeem(link, Channel.EMAIL, true, null, idOf(lisa), null), Reason.UNKNOWN);
        assertThat(tokens.peek(replyCode, Channel.WEB)).isEmpty();
        assertThat(tokens.peek(link, Channel.EMAIL)).isEmpty();
        assertThat(read(id).get("decisions")).isEmpty();

        tokens.redeem(replyCode, Channel.EMAIL, true, null, idOf(lisa), null);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aTokenClaimedBySomebodyElseIsRefusedAndStaysUsable() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);

        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, idOf(sam), null), Reason.WRONG_APPROVER);

        assertUnchanged(id, token);
        tokens.redeem(token, Channel.EMAIL, true, null, idOf(lisa), null);
    }

    @Test
    void aTokenForAStepTheRequestMovedPastIsRefused() {
        String id = org.pendingRequest(
                dev,
                List.of(Organisation.step("Manager", 1, lisa, sam), Organisation.step("Security", 1, org.person("x"))));
        String lisas = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertRefused(() -> tokens.redeem(lisas, Channel.EMAIL, true, null, null, null), Reason.STEP_CLOSED);
        assertThat(tokens.peek(lisas).orElseThrow().refusalAt(clock.instant())).contains(Reason.STEP_CLOSED);
        assertRefused(() -> tokens.issue(id, 0, idOf(lisa), Channel.EMAIL), Reason.STEP_CLOSED);
    }

    @Test
    void aTokenForARequestThatEndedIsRefused() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.as(dev.token()).post("/api/v1/requests/" + id + "/cancel", null).expect(200);

        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.NOT_PENDING);
        assertThat(read(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(tokens.peek(token).orElseThrow().refusalAt(clock.instant())).contains(Reason.NOT_PENDING);
    }

    @Test
    void aTokenPastItsStepsDeadlineIsRefusedAndTheTimeoutAppliesAsTheApiWould() {
        String id = org.pendingRequest(dev, List.of(Organisation.timedStep("Manager", lisa, "PT30M", "REJECT")));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        assertThat(tokens.peek(token).orElseThrow().refusalAt(clock.instant())).isEmpty();

        clock.advance(Duration.ofMinutes(31));
        assertThat(tokens.peek(token).orElseThrow().refusalAt(clock.instant())).contains(Reason.EXPIRED);
        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.EXPIRED);

        JsonNode read = read(id);
        assertThat(read.get("status").asString()).isEqualTo("REJECTED");
        assertThat(read.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.NOT_PENDING);
    }

    @Test
    void anApproverWhoLeftCannotUseTheirToken() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa, sam)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("email", lisa.name() + "@example.com", "role", "USER", "active", false)))
                .expect(200);

        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.NOT_ELIGIBLE);
        assertUnchanged(id, token);
    }

    @Test
    void anApproverWhoDecidedThroughTheApiCannotDecideAgainWithAToken() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 2, lisa, sam)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, false, null, null, null), Reason.ALREADY_DECIDED);
        assertThat(read(id).get("decisions")).hasSize(1);
        assertRefused(() -> tokens.issue(id, 0, idOf(lisa), Channel.EMAIL), Reason.ALREADY_DECIDED);
    }

    @Test
    void separationOfDutiesHoldsForTokens() {
        String id = org.pendingRequest(
                dev, List.of(Organisation.step("Manager", 1, lisa), Organisation.step("Security", 1, lisa, sam)));
        tokens.redeem(tokens.issue(id, 0, idOf(lisa), Channel.EMAIL), Channel.EMAIL, true, null, null, null);
        String second = tokens.issue(id, 1, idOf(lisa), Channel.EMAIL);

        assertRefused(() -> tokens.redeem(second, Channel.EMAIL, true, null, null, null), Reason.APPROVED_EARLIER_STEP);
        assertThat(read(id).get("decisions")).hasSize(1);
        assertThat(tokens.peek(second).orElseThrow().used()).isFalse();
    }

    @Test
    void aRefusalInsideACallersTransactionLeavesTheRestOfItFreeToCommit() {
        String decided = org.pendingRequest(dev, List.of(Organisation.step("Review", 2, lisa, sam)));
        String stale = tokens.issue(decided, 0, idOf(lisa), Channel.EMAIL);
        api.as(lisa.token())
                .post("/api/v1/requests/" + decided + "/approve", null)
                .expect(200);
        String open = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String fresh = tokens.issue(open, 0, idOf(lisa), Channel.EMAIL);

        transactions.executeWithoutResult(tx -> {
            assertRefused(() -> tokens.redeem(stale, Channel.EMAIL, true, null, null, null), Reason.ALREADY_DECIDED);
            tokens.redeem(fresh, Channel.EMAIL, true, null, null, null);
        });

        assertThat(read(open).get("status").asString()).isEqualTo("APPROVED");
        assertThat(read(decided).get("decisions")).hasSize(1);
    }

    @Test
    void aRequesterGetsNoTokenForTheirOwnRequest() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Team", 1, dev, lisa)));

        assertRefused(() -> tokens.issue(id, 0, idOf(dev), Channel.EMAIL), Reason.NOT_ELIGIBLE);
    }

    @Test
    void tokensAreIssuedOnlyToTheStepsApproversOfPendingRequestsThroughAMessagingChannel() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));

        assertRefused(() -> tokens.issue(id, 0, idOf(sam), Channel.EMAIL), Reason.NOT_ELIGIBLE);
        assertThatThrownBy(() -> tokens.issue(id, 0, idOf(lisa), Channel.API))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(id, 3, idOf(lisa), Channel.EMAIL))
                .isInstanceOf(IllegalArgumentException.class);
        api.as(dev.token()).post("/api/v1/requests/" + id + "/cancel", null).expect(200);
        assertRefused(() -> tokens.issue(id, 0, idOf(lisa), Channel.EMAIL), Reason.NOT_PENDING);
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
    void aDelegatesTokenIsRefusedOnceTheDelegationEndsAndNoneIsIssuedWithoutOne() {
        String delegation = delegate(lisa, sam);
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)));
        String token = tokens.issue(id, 0, idOf(sam), Channel.WEB);

        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204);

        assertRefused(() -> tokens.redeem(token, Channel.WEB, true, null, null, null), Reason.NOT_ELIGIBLE);
        assertRefused(() -> tokens.issue(id, 0, idOf(sam), Channel.EMAIL), Reason.NOT_ELIGIBLE);
        assertUnchanged(id, token);
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

    /** The delegator hands their approvals to the delegate for a day; answers the delegation's id. */
    private String delegate(Person from, Person to) {
        return api.as(from.token())
                .post(
                        "/api/v1/users/" + from.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                to.name(),
                                "until",
                                clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private void assertRefused(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ActionTokenRefused.class, e -> assertThat(e.refusal()).isEqualTo(reason));
    }

    /** The request has no decision and the token is still unused. */
    private void assertUnchanged(String id, String token) {
        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(read(id).get("decisions")).isEmpty();
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
    }

    private String idOf(Person person) {
        return directory.idOf(person.name()).orElseThrow();
    }

    private JsonNode read(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
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
