package io.countersign.request;

import static io.countersign.request.Organisation.breakGlassBlock;
import static io.countersign.request.Organisation.step;
import static io.countersign.request.Organisation.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.request.Organisation.Person;
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
import tools.jackson.databind.JsonNode;

/** The review of each break-glass use through the API: acknowledged once by a reviewer, or overdue. */
@CountersignTest
class BreakGlassReviewTests extends DevLisaAndCarolTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    BreakGlassReviews reviews;

    Person rita;
    Person auditor;
    String resource;

    @BeforeEach
    void aPolicyWhoseBreakGlassUsesRitaReviewsWithinADay() {
        rita = org.person("rita");
        auditor = org.person("auditor", "AUDITOR");
        resource = org.resource();
        org.policy(
                resource,
                List.of(step("Leads", 1, lisa)),
                // the requester is left out of the reviewers: nobody reviews their own use
                breakGlassBlock("PT2H", usersNamed(carol), usersNamed(rita, dev)));
    }

    private JsonNode breakGlass() {
        return org.request(dev, resource, Map.of("breakGlass", true, "justification", "database down"));
    }

    private Api.Response review(Person who, String id, String comment) {
        return api.as(who.token()).post("/api/v1/requests/" + id + "/review", Api.json(Map.of("comment", comment)));
    }

    private List<String> auditActions(String id) {
        return api.asAdmin()
                .get("/api/v1/audit?requestId=" + id + "&limit=100")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(i -> i.get("action").asString())
                .toList();
    }

    /** The grant the audit row of {@code action} names, and the grant the request was given. */
    private List<String> auditedAndIssuedGrant(String id, String action) {
        String audited = api.asAdmin()
                .get("/api/v1/audit?requestId=" + id + "&action=" + action + "&limit=100")
                .expect(200)
                .json()
                .get("items")
                .get(0)
                .get("grantId")
                .asString();
        String issued = jdbc.sql("select id from grants where request_id = ?")
                .param(id)
                .query(String.class)
                .single();
        return List.of(audited, issued);
    }

    private long webhookDeliveries(String webhook, String type, String id) {
        return jdbc.sql("""
                        select count(*) from webhook_deliveries
                        where webhook_id = ? and event_type = ? and payload like ?""")
                .params(webhook, type, "%" + id + "%")
                .query(Long.class)
                .single();
    }

    private List<String> idsListed(String query) {
        return api.as(auditor.token())
                .get("/api/v1/breakglass" + query)
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(i -> i.get("id").asString())
                .toList();
    }

    @Test
    void aBreakGlassUseOpensAReviewDueItsWindowLaterWithItsDeadlineTask() {
        JsonNode created = breakGlass();

        JsonNode review = created.get("review");
        assertThat(review.get("status").asString()).isEqualTo("PENDING");
        assertThat(review.get("reviewers").valueStream().map(JsonNode::asString))
                .containsExactly(rita.name());
        Instant due = Instant.parse(review.get("dueAt").asString());
        assertThat(due)
                .isEqualTo(Instant.parse(created.get("createdAt").asString()).plus(Duration.ofDays(1)));
        assertThat(review.get("late").asBoolean()).isFalse();
        String id = created.get("id").asString();
        assertThat(scheduler.getScheduledExecutionsForTask("breakglass-review-deadline").stream()
                        .filter(e -> e.getTaskInstance().getId().equals(id))
                        .map(ScheduledExecution::getExecutionTime))
                .containsExactly(due);
        assertThat(org.request(dev, resource).get("review").isNull()).isTrue();
    }

    @Test
    void aReviewerReadsAndAcknowledgesTheUseOnceAndItIsAuditedAndSent() {
        String webhook = org.webhook("/reviewed", "breakglass.reviewed");
        String id = breakGlass().get("id").asString();

        assertThat(api.as(rita.token())
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("review"))
                .isNotNull();
        JsonNode reviewed = review(rita, id, "restart was needed").expect(200).json();

        JsonNode review = reviewed.get("review");
        assertThat(review.get("status").asString()).isEqualTo("REVIEWED");
        assertThat(review.get("reviewedBy").asString()).isEqualTo(rita.name());
        assertThat(review.get("comment").asString()).isEqualTo("restart was needed");
        assertThat(review.get("late").asBoolean()).isFalse();
        assertThat(auditActions(id)).contains("breakglass.reviewed");
        List<String> grants = auditedAndIssuedGrant(id, "breakglass.reviewed");
        assertThat(grants.get(0)).startsWith("grt-").isEqualTo(grants.get(1));
        assertThat(webhookDeliveries(webhook, "breakglass.reviewed", id)).isEqualTo(1);
        JsonNode again = review(rita, id, "twice").expect(409).json();
        assertThat(again.get("detail").asString()).contains("already reviewed by " + rita.name());
        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
    }

    @Test
    void theRequesterAndOtherPeopleMayNotReviewAndStrangersLearnNothing() {
        String id = breakGlass().get("id").asString();

        assertThat(review(dev, id, "me").expect(403).json().get("detail").asString())
                .contains("own");
        review(lisa, id, "not mine").expect(404);
        api.asAdmin()
                .post("/api/v1/requests/" + id + "/review", Api.json(Map.of()))
                .expect(403);
        api.as(auditor.token())
                .post("/api/v1/requests/" + id + "/review", Api.json(Map.of()))
                .expect(403);
        assertThat(api.as(rita.token())
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("review")
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void aUseOnlyTheRequesterCouldReviewIsRefusedAndChangesNothing() {
        String alone = org.resource();
        org.policy(alone, List.of(step("Leads", 1, lisa)), breakGlassBlock("PT1H", usersNamed(carol), usersNamed(dev)));

        var refused = api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                alone,
                                "account",
                                "admin",
                                "breakGlass",
                                true,
                                "justification",
                                "database down")))
                .expect(422);

        JsonNode explained = api.as(dev.token())
                .post("/api/v1/policies/explain", Api.json(Map.of("resource", alone, "account", "admin")))
                .expect(200)
                .json()
                .get("breakGlass");

        assertThat(refused.json().get("reason").asString()).isEqualTo("no_reviewer");
        assertThat(explained.get("allowed").asBoolean()).isFalse();
        assertThat(explained.get("code").asString()).isEqualTo("no_reviewer");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests?resource=" + alone)
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void anOrdinaryRequestHasNoReviewToAcknowledge() {
        String id = org.request(dev, resource).get("id").asString();

        review(lisa, id, "?").expect(409);
        review(rita, id, "?").expect(404);
    }

    @Test
    void aDelegateOfAReviewerReviewsOnTheirBehalf() {
        Person tom = org.person("tom");
        api.as(rita.token())
                .post(
                        "/api/v1/users/" + rita.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate", tom.name(),
                                "from", clock.instant().toString(),
                                "until",
                                        clock.instant().plus(Duration.ofDays(3)).toString())))
                .expect(201);
        String id = breakGlass().get("id").asString();

        JsonNode review = review(tom, id, "for rita").expect(200).json().get("review");

        assertThat(review.get("reviewedBy").asString()).isEqualTo(tom.name());
        assertThat(review.get("onBehalfOf").asString()).isEqualTo(rita.name());
    }

    @Test
    void atItsDeadlineAnUnreviewedUseGoesOverdueAndALateReviewIsStillRecorded() {
        String webhook = org.webhook("/overdue", "breakglass.review_overdue");
        String id = breakGlass().get("id").asString();
        String reviewedInTime = breakGlass().get("id").asString();
        review(rita, reviewedInTime, "fine").expect(200);

        clock.advance(Duration.ofDays(1));
        reviews.fire(id);
        assertThat(reviews.fire(id)).isFalse();
        assertThat(reviews.fire(reviewedInTime)).isFalse();

        JsonNode overdue =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(overdue.get("review").get("status").asString()).isEqualTo("OVERDUE");
        assertThat(auditActions(id)).contains("breakglass.review_overdue");
        List<String> grants = auditedAndIssuedGrant(id, "breakglass.review_overdue");
        assertThat(grants.get(0)).startsWith("grt-").isEqualTo(grants.get(1));
        assertThat(webhookDeliveries(webhook, "breakglass.review_overdue", id)).isEqualTo(1);
        assertThat(idsListed("?overdue=true&limit=200")).contains(id).doesNotContain(reviewedInTime);
        assertThat(idsListed("?limit=200")).contains(id, reviewedInTime);

        clock.advance(Duration.ofHours(2));
        JsonNode late = review(rita, id, "sorry, late").expect(200).json().get("review");
        assertThat(late.get("status").asString()).isEqualTo("REVIEWED");
        assertThat(late.get("late").asBoolean()).isTrue();
        assertThat(idsListed("?overdue=true&limit=200")).doesNotContain(id);
        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
    }

    @Test
    void theSweepMarksWhatADeadlineTaskMissed() {
        String id = breakGlass().get("id").asString();
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        reviews.sweep();

        assertThat(jdbc.sql("select status from break_glass_reviews where request_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("OVERDUE");
    }

    @Test
    void theListPagesNewestFirstWithACursorAndIsForAdministratorsAndAuditors() {
        String first = breakGlass().get("id").asString();
        clock.advance(Duration.ofSeconds(1));
        String second = breakGlass().get("id").asString();

        JsonNode page =
                api.asAdmin().get("/api/v1/breakglass?limit=1").expect(200).json();
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(second);
        assertThat(page.get("items").get(0).get("breakGlass").asBoolean()).isTrue();
        JsonNode next = api.asAdmin()
                .get("/api/v1/breakglass?limit=1&cursor="
                        + page.get("nextCursor").asString())
                .expect(200)
                .json();
        assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(first);
    }

    @Test
    void aReviewerListsTheUsesTheyReviewThemselvesOrForWhoeverDelegatedToThem() {
        Person sam = org.person("sam");
        api.delegate(rita.token(), rita.name(), sam.name(), clock.instant().plus(Duration.ofDays(2)));
        String id = breakGlass().get("id").asString();

        assertThat(listedFor(rita)).containsExactly(id);
        assertThat(listedFor(sam)).containsExactly(id);
        assertThat(listedFor(lisa))
                .as("an approver of the policy's steps reviews nothing")
                .isEmpty();
        assertThat(listedFor(dev)).as("nobody reviews their own use").isEmpty();
    }

    private List<String> listedFor(Person who) {
        return api.as(who.token())
                .get("/api/v1/breakglass")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(i -> i.get("id").asString())
                .toList();
    }
}
