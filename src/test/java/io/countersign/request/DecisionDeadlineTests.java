package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A decision or cancellation that comes after a deadline is refused with 409, and the timeout it
 * overtook is committed in its place, with the same audit events and webhooks as the timers write.
 * No sweep runs in these tests: only the write enforces the deadline.
 */
class DecisionDeadlineTests extends DeadlineTestBase {

    private Api.Response decide(Person who, String id, String verb) {
        return api.as(who.token()).post("/api/v1/requests/" + id + "/" + verb, Api.json(Map.of("comment", "late")));
    }

    @Test
    void anApprovalAfterTheTimeToLiveIsRefusedAndTheRequestExpiresInItsPlace() {
        String webhook = scene.org.webhook("/deadlines", "request.expired");
        String id = scene.requestLivingTwoHours();
        String expiresAt = scene.read(id).get("expiresAt").asString();

        clock.advance(Duration.ofHours(2));
        Api.Response refused = decide(scene.lisa, id, "approve");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("expired at " + expiresAt);
        JsonNode expired = scene.read(id);
        assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.get("decisions")).isEmpty();
        assertThat(expired.get("grant").isNull()).isTrue();
        assertThat(scene.systemActions(id)).containsExactly("request.expired");
        assertThat(jdbc.sql("""
                        select count(*) from webhook_deliveries
                        where webhook_id = ? and event_type = 'request.expired' and payload like ?""")
                        .params(webhook, "%" + id + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
    }

    @Test
    void aRejectionAfterTheTimeToLiveIsRefusedToo() {
        String id = scene.requestLivingTwoHours();

        clock.advance(Duration.ofHours(3));

        assertThat(decide(scene.lisa, id, "reject").status()).isEqualTo(409);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(decide(scene.lisa, id, "reject").status()).isEqualTo(409);
        assertThat(scene.systemActions(id)).containsExactly("request.expired");
    }

    @Test
    void aDecisionJustBeforeTheTimeToLiveCounts() {
        String id = scene.requestLivingTwoHours();

        clock.advance(Duration.ofHours(2).minusSeconds(1));

        decide(scene.lisa, id, "approve").expect(200);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(scene.systemActions(id)).isEmpty();
    }

    @Test
    void aCancellationAfterTheTimeToLiveExpiresTheRequestInstead() {
        String id = scene.requestLivingTwoHours();

        clock.advance(Duration.ofHours(2));
        Api.Response refused = decide(scene.dev, id, "cancel");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("expired at");
        assertThat(scene.read(id).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(scene.systemActions(id)).containsExactly("request.expired");
    }

    @Test
    void aDecisionAfterAStepDeadlineThatRejectsIsRefusedAndTheRequestIsRejected() {
        String id = scene.requestWhoseStepTimesOut("REJECT");
        String deadline = scene.read(id).get("steps").get(0).get("deadline").asString();

        clock.advance(Duration.ofMinutes(31));
        Api.Response refused = decide(scene.lisa, id, "approve");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("step deadline passed at " + deadline);
        JsonNode rejected = scene.read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisions")).hasSize(1);
        assertThat(rejected.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(scene.systemActions(id)).containsExactly("request.rejected");
    }

    @Test
    void aDecisionAfterAStepDeadlineThatEscalatesIsRefusedOnceAndTheStepEscalatesOnce() {
        String id = scene.requestWhoseStepTimesOut("ESCALATE");

        clock.advance(Duration.ofMinutes(30));
        Api.Response refused = decide(scene.lisa, id, "reject");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains("step deadline passed at")
                .contains(scene.director.name());
        JsonNode escalated = scene.read(id);
        assertThat(escalated.get("status").asString()).isEqualTo("PENDING");
        assertThat(escalated.get("decisions")).isEmpty();
        assertThat(escalated.get("steps").get(0).get("eligibleApprovers").toString())
                .contains(scene.director.name());
        assertThat(scene.systemActions(id)).containsExactly("request.step_escalated");

        decide(scene.director, id, "approve").expect(200);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(scene.systemActions(id)).containsExactly("request.step_escalated");
    }

    @Test
    void aCancellationAfterAStepDeadlineThatEscalatesStillCancels() {
        String id = scene.requestWhoseStepTimesOut("ESCALATE");

        clock.advance(Duration.ofMinutes(45));
        decide(scene.dev, id, "cancel").expect(200);

        assertThat(scene.read(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(scene.systemActions(id)).containsExactly("request.step_escalated");
    }

    @Test
    void aCancellationAfterAStepDeadlineThatRejectsIsRefused() {
        String id = scene.requestWhoseStepTimesOut("REJECT");

        clock.advance(Duration.ofMinutes(45));

        assertThat(decide(scene.dev, id, "cancel").status()).isEqualTo(409);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(scene.systemActions(id)).containsExactly("request.rejected");
    }

    @Test
    void aDecisionOrCancellationAfterTheTimersExpiredTheRequestSaysWhenItExpired() {
        String id = scene.requestLivingTwoHours();
        String expiresAt = scene.read(id).get("expiresAt").asString();

        clock.advance(Duration.ofHours(2));
        timers.sweep();

        assertRefusedSaying(decide(scene.lisa, id, "approve"), "expired at " + expiresAt);
        assertRefusedSaying(decide(scene.dev, id, "cancel"), "expired at " + expiresAt);
    }

    @Test
    void aDecisionOrCancellationAfterTheTimersRejectedTheStepSaysItsDeadlinePassed() {
        String id = scene.requestWhoseStepTimesOut("REJECT");
        String deadline = scene.read(id).get("steps").get(0).get("deadline").asString();

        clock.advance(Duration.ofMinutes(31));
        timers.sweep();

        assertRefusedSaying(decide(scene.lisa, id, "approve"), "step deadline passed at " + deadline);
        assertRefusedSaying(decide(scene.dev, id, "cancel"), "step deadline passed at " + deadline);
    }

    @Test
    void readingARequestPastItsDeadlinesShowsItAsStored() {
        String id = scene.requestWhoseStepTimesOut("REJECT");

        clock.advance(Duration.ofDays(2));

        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(scene.systemActions(id)).isEmpty();
    }

    private static void assertRefusedSaying(Api.Response refused, String reason) {
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains(reason);
    }
}
