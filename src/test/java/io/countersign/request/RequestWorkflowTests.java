package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Requests from creation to their end, through the API as requesters, approvers and enforcers would drive them. */
@CountersignTest
class RequestWorkflowTests extends DevLisaAndCarolTestBase {

    @Autowired
    MutableClock clock;

    Person sam;
    Person gateway;
    String resource;

    @BeforeEach
    void organisation() {
        sam = org.person("sam");
        gateway = org.person("gateway", "ENFORCER");
        resource = org.resource();
        org.policy(
                resource,
                List.of(step("Manager Review", 1, lisa), step("Security Review", 1, lisa, carol, sam)),
                Map.of("defaultDuration", "PT1H", "maxDuration", "PT4H"));
    }

    private Api.Caller as(Person person) {
        return api.as(person.token());
    }

    private JsonNode check(String user) {
        return as(gateway)
                .get("/api/v1/access/check?user=" + user + "&resource=" + resource + "&account=admin")
                .expect(200)
                .json();
    }

    @Test
    void aTwoStepRequestApprovedByTwoDifferentPeopleGrantsAccessUntilItIsRevoked() {
        JsonNode created = as(dev).post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT2H",
                                "justification",
                                "INC-1")))
                .expect(201)
                .json();
        String id = created.get("id").asString();
        assertThat(id).startsWith("req-");
        assertThat(created.get("status").asString()).isEqualTo("PENDING");
        assertThat(created.get("requester").asString()).isEqualTo(dev.name());
        assertThat(created.get("duration").asString()).isEqualTo("PT2H");
        assertThat(created.get("currentStep").asInt()).isZero();
        assertThat(created.get("steps").get(0).get("eligibleApprovers").get(0).asString())
                .isEqualTo(lisa.name());
        assertThat(created.get("steps").get(0).get("deadline").isNull()).isTrue();
        assertThat(created.get("grant").isNull()).isTrue();
        assertThat(check(dev.name()).get("allowed").asBoolean()).isFalse();

        JsonNode afterFirst = as(lisa).post("/api/v1/requests/" + id + "/approve", "{\"comment\":\"ok\"}")
                .expect(200)
                .json();
        assertThat(afterFirst.get("currentStep").asInt()).isEqualTo(1);
        assertThat(afterFirst.get("steps").get(0).get("status").asString()).isEqualTo("APPROVED");
        assertThat(afterFirst.get("steps").get(1).get("status").asString()).isEqualTo("PENDING");
        assertThat(as(lisa).post("/api/v1/requests/" + id + "/approve", null).status())
                .as("lisa approved the first step")
                .isEqualTo(409);

        JsonNode approved = as(carol)
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = approved.get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());
        assertThat(decision.get("step").asInt()).isZero();
        assertThat(decision.get("verdict").asString()).isEqualTo("APPROVE");
        assertThat(decision.get("comment").asString()).isEqualTo("ok");
        assertThat(decision.get("channel").asString()).isEqualTo("API");
        assertThat(decision.get("at").asString()).isNotBlank();
        JsonNode grant = approved.get("grant");
        assertThat(grant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(grant.get("user").asString()).isEqualTo(dev.name());
        assertThat(grant.get("requestId").asString()).isEqualTo(id);
        assertThat(Duration.between(
                        Instant.parse(grant.get("startsAt").asString()),
                        Instant.parse(grant.get("endsAt").asString())))
                .isEqualTo(Duration.ofHours(2));

        JsonNode allowed = check(dev.name());
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("grantId").asString()).isEqualTo(grant.get("id").asString());
        assertThat(allowed.get("requestId").asString()).isEqualTo(id);
        assertThat(allowed.get("expiresAt").asString())
                .isEqualTo(grant.get("endsAt").asString());

        String grantId = grant.get("id").asString();
        JsonNode revoked = as(dev).post("/api/v1/grants/" + grantId + "/revoke", "{\"reason\":\"done\"}")
                .expect(200)
                .json();
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revokedBy").asString()).isEqualTo(dev.name());
        JsonNode denied = check(dev.name());
        assertThat(denied.get("allowed").asBoolean()).isFalse();
        assertThat(denied.get("grantId").isNull()).isTrue();
        assertThat(as(dev).post("/api/v1/grants/" + grantId + "/revoke", null).status())
                .isEqualTo(409);
    }

    @Test
    void aGrantEndsByTheServiceClockEvenBeforeAnyJobMarksItExpired() {
        String id = org.request(dev, resource).get("id").asString();
        as(lisa).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        String grantId = as(sam).post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
        assertThat(check(dev.name()).get("allowed").asBoolean()).isTrue();

        clock.advance(Duration.ofHours(1));

        assertThat(check(dev.name()).get("allowed").asBoolean()).isFalse();
        JsonNode grant = as(dev).get("/api/v1/grants/" + grantId).expect(200).json();
        assertThat(grant.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(as(dev).post("/api/v1/grants/" + grantId + "/revoke", null).status())
                .isEqualTo(409);
    }

    @Test
    void oneRejectionEndsTheRequestWithoutAccess() {
        String id = org.request(dev, resource).get("id").asString();

        JsonNode rejected = as(lisa).post("/api/v1/requests/" + id + "/reject", "{\"comment\":\"freeze\"}")
                .expect(200)
                .json();

        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("steps").get(0).get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("steps").get(1).get("status").asString()).isEqualTo("SKIPPED");
        assertThat(rejected.get("decisions").get(0).get("verdict").asString()).isEqualTo("REJECT");
        assertThat(rejected.get("grant").isNull()).isTrue();
        assertThat(as(lisa).post("/api/v1/requests/" + id + "/approve", null).status())
                .isEqualTo(409);
        assertThat(check(dev.name()).get("allowed").asBoolean()).isFalse();
    }

    @Test
    void theRequesterMayCancelWhilePendingAndNobodyElseMay() {
        String id = org.request(dev, resource).get("id").asString();

        assertThat(as(lisa).post("/api/v1/requests/" + id + "/cancel", null).status())
                .as("an approver sees the request but may not cancel it")
                .isEqualTo(403);
        JsonNode cancelled = as(dev).post("/api/v1/requests/" + id + "/cancel", null)
                .expect(200)
                .json();

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(as(dev).post("/api/v1/requests/" + id + "/cancel", null).status())
                .isEqualTo(409);
        assertThat(as(lisa).post("/api/v1/requests/" + id + "/approve", null).status())
                .isEqualTo(409);
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        Person lead = org.person("lead");
        String own = org.resource();
        org.policy(own, List.of(step("Team", 1, lead, dev)));
        String id = org.request(dev, own).get("id").asString();

        var answer = as(dev).post("/api/v1/requests/" + id + "/approve", null);

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void anApproverOfALaterStepCannotDecideTheCurrentOne() {
        String id = org.request(dev, resource).get("id").asString();

        assertThat(as(carol).post("/api/v1/requests/" + id + "/approve", null).status())
                .isEqualTo(403);
        assertThat(as(carol).post("/api/v1/requests/" + id + "/reject", null).status())
                .isEqualTo(403);
    }

    @Test
    void aCommentLongerThanTwoThousandCharactersIsRefusedAndChangesNothing() {
        String id = org.request(dev, resource).get("id").asString();

        var answer =
                as(lisa).post("/api/v1/requests/" + id + "/approve", Api.json(Map.of("comment", "x".repeat(2001))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("comment");
        assertThat(as(dev).get("/api/v1/requests/" + id).json().get("decisions").size())
                .isZero();
    }

    @Test
    void aPolicyWithoutStepsApprovesAtOnceWithASystemDecisionAndAGrant() {
        String open = org.resource();
        org.policy(open, List.of());

        JsonNode created = org.request(dev, open);

        assertThat(created.get("status").asString()).isEqualTo("APPROVED");
        assertThat(created.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(created.get("grant").get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void accessRequestedForLaterIsScheduledAndAllowedOnlyOnceItStarts() {
        String later = org.resource();
        org.policy(later, List.of());
        Instant startsAt = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

        JsonNode created = as(dev).post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", later, "account", "admin", "startsAt", startsAt.toString())))
                .expect(201)
                .json();

        assertThat(created.get("grant").get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(created.get("grant").get("startsAt").asString()))
                .isEqualTo(startsAt);
        String path = "/api/v1/access/check?user=" + dev.name() + "&resource=" + later + "&account=admin";
        assertThat(as(gateway).get(path).json().get("allowed").asBoolean()).isFalse();
        clock.advance(Duration.ofHours(3));
        assertThat(as(gateway).get(path).json().get("allowed").asBoolean()).isTrue();
    }

    @Test
    void aCreationThatPrefersToWaitAnswersAtOnceWhenApprovedAutomatically() {
        String open = org.resource();
        org.policy(open, List.of());

        var answer = as(dev).call(
                        HttpMethod.POST,
                        "/api/v1/requests",
                        Api.json(Map.of("resource", open, "account", "admin")),
                        "Prefer",
                        "wait=30");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(answer.json().get("grant").get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aLongPollEndsOnceTheRequestIsDecided() throws Exception {
        String id = org.request(dev, resource).get("id").asString();

        var polled = CompletableFuture.supplyAsync(() -> as(dev).get("/api/v1/requests/" + id + "?wait=30"));
        as(lisa).post("/api/v1/requests/" + id + "/reject", null).expect(200);

        var answer = polled.get(40, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void aLongPollAnswersWithThePendingRequestWhenTheWaitIsOver() {
        String id = org.request(dev, resource).get("id").asString();

        var answer = as(dev).get("/api/v1/requests/" + id + "?wait=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void aNegativeWaitIsRefusedAsANegativeLimitIs() {
        String id = org.request(dev, resource).get("id").asString();

        var answer = as(dev).get("/api/v1/requests/" + id + "?wait=-5");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("wait");
        assertThat(answer.json().get("errors").get(0).get("code").asString()).isEqualTo("out_of_range");
    }

    @Test
    void aWaitBeyondAnyIntegerIsCappedAsTheWaitPreferenceIsAndTextIsAnInvalidValue() {
        String id = org.request(dev, resource).get("id").asString();
        as(dev).post("/api/v1/requests/" + id + "/cancel", null).expect(200);

        // decided already, so the capped wait answers at once
        var huge = as(dev).get("/api/v1/requests/" + id + "?wait=" + "9".repeat(20));
        var text = as(dev).get("/api/v1/requests/" + id + "?wait=soon");

        assertThat(huge.expect(200).json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(Api.issues(text.expect(400))).containsExactly("wait:invalid_value");
    }

    @Test
    void aWaitPreferenceThatIsNegativeOrNotANumberIsRefusedAndCreatesNothing() {
        String body = Api.json(Map.of("resource", resource, "account", "admin"));

        var negative = as(dev).call(HttpMethod.POST, "/api/v1/requests", body, "Prefer", "wait=-5");
        var unreadable = as(dev).call(HttpMethod.POST, "/api/v1/requests", body, "Prefer", "wait=abc");

        assertThat(Api.issues(negative.expect(400))).containsExactly("Prefer:out_of_range");
        assertThat(Api.issues(unreadable.expect(400))).containsExactly("Prefer:invalid_value");
        assertThat(as(dev).get("/api/v1/requests?resource=" + resource)
                        .expect(200)
                        .json()
                        .get("items")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aLongPollDoesNotRevealARequestToSomeoneUninvolved() {
        String id = org.request(dev, resource).get("id").asString();
        Person stranger = org.person("stranger");

        assertThat(as(stranger).get("/api/v1/requests/" + id + "?wait=1").status())
                .isEqualTo(404);
    }
}
