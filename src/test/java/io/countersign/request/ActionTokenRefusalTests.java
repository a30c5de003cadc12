package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.Organisation.Person;
import io.countersign.shared.Channel;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An action token refuses what changed since it was issued: a step passed, a request ended, a deadline
 * gone, an approver who left or decided, separation of duties, an ended delegation. Every refusal
 * names its reason and changes nothing.
 */
@CountersignTest
class ActionTokenRefusalTests extends ActionTokensTestBase {

    @Autowired
    TransactionTemplate transactions;

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
    void aTokenForAStepItsApproverAlreadyApprovedElsewhereIsRefusedAsDecided() {
        String id = org.pendingRequest(
                dev, List.of(Organisation.step("Manager", 1, lisa), Organisation.step("Security", 1, org.person("x"))));
        String lisas = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        // as the API answers her approval sent again: she decided, rather than the step closed on her
        assertRefused(() -> tokens.redeem(lisas, Channel.EMAIL, true, null, null, null), Reason.ALREADY_DECIDED);
    }

    @Test
    void aDelegatesTokenForAStepTheDelegatorClosedIsRefusedAsAClosedStep() {
        delegate(lisa, sam);
        String id = org.pendingRequest(
                dev, List.of(Organisation.step("Manager", 1, lisa), Organisation.step("Security", 1, org.person("x"))));
        String sams = tokens.issue(id, 0, idOf(sam), Channel.WEB);
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        // the delegation still stands; what ended sam's say is that the step is over
        assertRefused(() -> tokens.redeem(sams, Channel.WEB, true, null, null, null), Reason.STEP_CLOSED);
        assertThat(tokens.peek(sams).orElseThrow().refusalAt(clock.instant())).contains(Reason.STEP_CLOSED);
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
        // the timeout now recorded is still the reason, as when the timers apply it first
        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.EXPIRED);
    }

    @Test
    void aTokenOfAStepThatLostItsApproversBeforeItsDeadlineIsRefusedAsEndedNotExpired() {
        Map<String, Object> both = new LinkedHashMap<>(Organisation.step("Both", 2, lisa, sam));
        both.put("timeout", "PT30M");
        both.put("onTimeout", "REJECT");
        String id = org.pendingRequest(dev, List.of(both));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.deactivate(sam.name());

        assertThat(read(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(tokens.peek(token).orElseThrow().refusalAt(clock.instant())).contains(Reason.NOT_PENDING);
        assertRefused(() -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.NOT_PENDING);
    }

    @Test
    void anApproverWhoLeftCannotUseTheirToken() {
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa, sam)));
        String token = tokens.issue(id, 0, idOf(lisa), Channel.EMAIL);
        api.deactivate(lisa.name());

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
    void anApprovalThatWouldLeaveALaterStepNobodyToApproveIsRefusedAndChangesNothing() {
        Person carol = org.person("carol");
        String id = org.pendingRequest(
                dev, List.of(Organisation.step("Manager", 1, carol, sam), Organisation.step("Security", 1, sam)));
        String token = tokens.issue(id, 0, idOf(sam), Channel.EMAIL);

        JsonNode refused = api.as(sam.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(409)
                .json();
        assertRefused(
                () -> tokens.redeem(token, Channel.EMAIL, true, null, null, null), Reason.LATER_STEP_WITHOUT_APPROVER);

        assertThat(refused.get("detail").asString())
                .contains("Approving step 1")
                .contains("step 2 without an approver");
        assertUnchanged(id, token);
        api.as(carol.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aDelegatesApprovalThatWouldLeaveALaterStepNobodyToApproveIsRefused() {
        Person carol = org.person("carol");
        delegate(carol, sam);
        String id = org.pendingRequest(
                dev, List.of(Organisation.step("Manager", 1, carol), Organisation.step("Security", 1, sam)));

        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(409);

        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(read(id).get("decisions")).isEmpty();
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
    void aTokenNamingOneDelegatorIsRefusedOnceTheirDelegationEndsThoughAnotherStillRuns() {
        Person tom = org.person("tom");
        String fromSam = delegate(sam, tom);
        delegate(lisa, tom);
        String id = org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa, sam)));
        String token = tokens.issue(id, 0, idOf(tom), sam.name(), Channel.EMAIL);
        assertThat(tokens.peek(token).orElseThrow().onBehalfOf()).isEqualTo(sam.name());

        api.as(sam.token())
                .delete("/api/v1/users/" + sam.name() + "/delegations/" + fromSam)
                .expect(204);

        assertThatThrownBy(() -> tokens.redeem(token, Channel.EMAIL, true, null, idOf(tom), null))
                .isInstanceOfSatisfying(
                        ActionTokenRefused.class, e -> assertThat(e.refusal()).isEqualTo(Reason.NOT_ELIGIBLE))
                .hasMessageContaining("on behalf of " + sam.name() + " only");
        assertUnchanged(id, token);
    }
}
