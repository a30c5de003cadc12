package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A decision or cancellation that comes after a deadline is refused with 409, and the timeout it
 * overtook is committed in its place, with the same audit events and webhooks as the timers write.
 * No sweep runs in these tests: only the write enforces the deadline.
 */
@CountersignTest
class DecisionDeadlineTests {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Organisation org;
    Person dev;
    Person lisa;
    Person director;

    @BeforeEach
    void organisation() {
        org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
        director = org.person("director");
    }

    private List<String> systemActions(String id) {
        return new SystemActions(jdbc).on(id);
    }

    private JsonNode read(String id) {
        return api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
    }

    private Api.Response decide(Person who, String id, String verb) {
        return api.as(who.token()).post("/api/v1/requests/" + id + "/" + verb, Api.json(Map.of("comment", "late")));
    }

    /** A pending request whose one step (lisa) times out after 30 minutes, as {@code onTimeout} says. */
    private String requestWhoseStepTimesOut(String onTimeout) {
        Map<String, Object> step = onTimeout.equals("ESCALATE")
                ? Organisation.escalatingStep("Manager", lisa, "PT30M", director)
                : Organisation.timedStep("Manager", lisa, "PT30M", onTimeout);
        return org.pendingRequest(dev, List.of(step));
    }

    /** A request by dev whose one step (lisa) leaves it pending for two hours at most. */
    private String requestLivingTwoHours() {
        return org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)), Map.of("requestTtl", "PT2H"));
    }

    @Test
    void anApprovalAfterTheTimeToLiveIsRefusedAndTheRequestExpiresInItsPlace() {
        String webhook = org.webhook("/deadlines", "request.expired");
        String id = requestLivingTwoHours();
        String expiresAt = read(id).get("expiresAt").asString();

        clock.advance(Duration.ofHours(2));
        Api.Response refused = decide(lisa, id, "approve");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("expired at " + expiresAt);
        JsonNode expired = read(id);
        assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.get("decisions")).isEmpty();
        assertThat(expired.get("grant").isNull()).isTrue();
        assertThat(systemActions(id)).containsExactly("request.expired");
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
        String id = requestLivingTwoHours();

        clock.advance(Duration.ofHours(3));

        assertThat(decide(lisa, id, "reject").status()).isEqualTo(409);
        assertThat(read(id).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(decide(lisa, id, "reject").status()).isEqualTo(409);
        assertThat(systemActions(id)).containsExactly("request.expired");
    }

    @Test
    void aDecisionJustBeforeTheTimeToLiveCounts() {
        String id = requestLivingTwoHours();

        clock.advance(Duration.ofHours(2).minusSeconds(1));

        decide(lisa, id, "approve").expect(200);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(systemActions(id)).isEmpty();
    }

    @Test
    void aCancellationAfterTheTimeToLiveExpiresTheRequestInstead() {
        String id = requestLivingTwoHours();

        clock.advance(Duration.ofHours(2));
        Api.Response refused = decide(dev, id, "cancel");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("expired at");
        assertThat(read(id).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(systemActions(id)).containsExactly("request.expired");
    }

    @Test
    void aDecisionAfterAStepDeadlineThatRejectsIsRefusedAndTheRequestIsRejected() {
        String id = requestWhoseStepTimesOut("REJECT");
        String deadline = read(id).get("steps").get(0).get("deadline").asString();

        clock.advance(Duration.ofMinutes(31));
        Api.Response refused = decide(lisa, id, "approve");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("step deadline passed at " + deadline);
        JsonNode rejected = read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisions")).hasSize(1);
        assertThat(rejected.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(systemActions(id)).containsExactly("request.rejected");
    }

    @Test
    void aDecisionAfterAStepDeadlineThatEscalatesIsRefusedOnceAndTheStepEscalatesOnce() {
        String id = requestWhoseStepTimesOut("ESCALATE");

        clock.advance(Duration.ofMinutes(30));
        Api.Response refused = decide(lisa, id, "reject");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains("step deadline passed at")
                .contains(director.name());
        JsonNode escalated = read(id);
        assertThat(escalated.get("status").asString()).isEqualTo("PENDING");
        assertThat(escalated.get("decisions")).isEmpty();
        assertThat(escalated.get("steps").get(0).get("eligibleApprovers").toString())
                .contains(director.name());
        assertThat(systemActions(id)).containsExactly("request.step_escalated");

        decide(director, id, "approve").expect(200);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
        assertThat(systemActions(id)).containsExactly("request.step_escalated");
    }

    @Test
    void aCancellationAfterAStepDeadlineThatEscalatesStillCancels() {
        String id = requestWhoseStepTimesOut("ESCALATE");

        clock.advance(Duration.ofMinutes(45));
        decide(dev, id, "cancel").expect(200);

        assertThat(read(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(systemActions(id)).containsExactly("request.step_escalated");
    }

    @Test
    void aCancellationAfterAStepDeadlineThatRejectsIsRefused() {
        String id = requestWhoseStepTimesOut("REJECT");

        clock.advance(Duration.ofMinutes(45));

        assertThat(decide(dev, id, "cancel").status()).isEqualTo(409);
        assertThat(read(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(systemActions(id)).containsExactly("request.rejected");
    }

    @Test
    void readingARequestPastItsDeadlinesShowsItAsStored() {
        String id = requestWhoseStepTimesOut("REJECT");

        clock.advance(Duration.ofDays(2));

        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(systemActions(id)).isEmpty();
    }
}
