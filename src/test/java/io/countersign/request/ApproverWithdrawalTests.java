package io.countersign.request;

import static io.countersign.request.Organisation.groupStep;
import static io.countersign.request.Organisation.usersNamed;
import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;

/**
 * Only people who can approve are ever eligible: an approver who is deactivated or deleted leaves the
 * requests in flight, a step that can then no longer complete ends as its timeout would, and
 * auditors and enforcement points never count, at creation or in explain.
 */
@CountersignTest
class ApproverWithdrawalTests extends DevLisaAndCarolTestBase {

    @Autowired
    MutableClock clock;

    Person sam;
    String resource;

    @BeforeEach
    void organisation() {
        sam = org.person("sam");
        resource = org.resource();
    }

    private String request() {
        return org.request(dev, resource).get("id").asString();
    }

    private JsonNode asAdmin(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    private void deactivate(Person person, String role) {
        api.asAdmin()
                .put(
                        "/api/v1/users/" + person.name(),
                        Api.json(Map.of("email", person.name() + "@example.com", "role", role, "active", false)))
                .expect(200);
    }

    private void reactivate(Person person) {
        api.asAdmin()
                .put(
                        "/api/v1/users/" + person.name(),
                        Api.json(Map.of("email", person.name() + "@example.com", "role", "USER", "active", true)))
                .expect(200);
    }

    private String newToken(Person person) {
        return api.asAdmin()
                .post("/api/v1/users/" + person.name() + "/tokens", Api.json(Map.of("name", "after-return")))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    @Test
    void aDeactivatedApproverNoLongerCountsAndStaysOutWhenReactivated() {
        org.policy(resource, List.of(groupStep("Team", 1, org.group(lisa, carol))));
        String id = request();

        deactivate(lisa, "USER");
        reactivate(lisa);
        // deactivation revoked lisa's tokens; she comes back with a new one
        Person returned = new Person(lisa.name(), newToken(lisa));

        JsonNode pending = asAdmin(id);
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(strings(pending.get("steps").get(0).get("eligibleApprovers")))
                .containsExactly(carol.name());
        assertThat(api.as(returned.token())
                        .get("/api/v1/requests?awaiting=me")
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.as(returned.token())
                        .post("/api/v1/requests/" + id + "/approve", null)
                        .status())
                .isIn(403, 404);
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=request.approver_withdrawn&requestId=" + id)
                        .expect(200)
                        .json()
                        .get("items"))
                .hasSize(1);
    }

    @Test
    void aStepThatCanNoLongerGetItsApprovalsIsRejectedAsItsTimeoutWould() {
        org.policy(resource, List.of(groupStep("Both", 2, org.group(lisa, carol))));
        String id = request();

        api.asAdmin().delete("/api/v1/users/" + carol.name()).expect(204);

        JsonNode rejected = asAdmin(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        JsonNode decision = rejected.get("decisions").get(0);
        assertThat(decision.get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(decision.get("verdict").asString()).isEqualTo("REJECT");
    }

    @Test
    void aStepThatCanNoLongerGetItsApprovalsEscalatesOnceWhenItsTimeoutWould() {
        Map<String, Object> step = Map.of(
                "name",
                "Both",
                "requiredApprovals",
                2,
                "approvers",
                List.of(Map.of("group", org.group(lisa, carol))),
                "timeout",
                "PT1H",
                "onTimeout",
                "ESCALATE",
                "escalateTo",
                List.of(Map.of("user", sam.name())));
        org.policy(resource, List.of(step));
        String id = request();

        deactivate(carol, "USER");

        JsonNode escalated = asAdmin(id);
        assertThat(escalated.get("status").asString()).isEqualTo("PENDING");
        assertThat(strings(escalated.get("steps").get(0).get("eligibleApprovers")))
                .containsExactlyInAnyOrder(lisa.name(), sam.name());
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        JsonNode approved = api.as(sam.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aLaterStepThatLostItsApproversIsRejectedWhenItOpens() {
        org.policy(
                resource, List.of(Organisation.step("First", 1, lisa), groupStep("Second", 2, org.group(carol, sam))));
        String id = request();

        deactivate(sam, "USER");
        assertThat(asAdmin(id).get("status").asString()).isEqualTo("PENDING");

        JsonNode afterFirst = api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json();
        assertThat(afterFirst.get("status").asString()).isEqualTo("REJECTED");
        assertThat(afterFirst.get("currentStep").asInt()).isEqualTo(1);
        assertThat(afterFirst.get("grant").isNull()).isTrue();
    }

    @Test
    void auditorsAndEnforcementPointsAreNeverEligibleApprovers() {
        Person auditor = org.person("auditor", "AUDITOR");
        Person gateway = org.person("gateway", "ENFORCER");
        org.policy(resource, List.of(groupStep("Anyone", 2, org.group(lisa, auditor, gateway))));

        JsonNode explained = api.asAdmin()
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev.name(), "resource", resource, "account", "admin")))
                .expect(200)
                .json();
        assertThat(explained.toString()).doesNotContain(auditor.name()).doesNotContain(gateway.name());
        assertThat(api.as(dev.token())
                        .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")))
                        .status())
                .as("one person who can approve is too few for two approvals")
                .isEqualTo(422);
    }

    private JsonNode approve(Person person, String id) {
        return api.as(person.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json();
    }

    private static JsonNode decisionBy(JsonNode request, Person person) {
        for (JsonNode decision : request.get("decisions")) {
            if (decision.get("approver").asString().equals(person.name())) {
                return decision;
            }
        }
        throw new AssertionError(person.name() + " has no decision on " + request);
    }

    @Test
    void anApprovalGivenBeforeItsApproverLeftNoLongerCountsTowardsTheOpenStep() {
        org.policy(resource, List.of(groupStep("Two of three", 2, org.group(lisa, carol, sam))));
        String id = request();
        approve(lisa, id);

        deactivate(lisa, "USER");

        JsonNode afterCarol = approve(carol, id);
        assertThat(afterCarol.get("status").asString())
                .as("carol's is the only approval that still counts")
                .isEqualTo("PENDING");
        assertThat(decisionBy(afterCarol, lisa).get("withdrawn").asString()).isEqualTo("user deactivated");
        assertThat(decisionBy(afterCarol, carol).get("withdrawn").isNull()).isTrue();
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=request.approver_withdrawn&requestId=" + id)
                        .expect(200)
                        .json()
                        .get("items")
                        .get(0)
                        .get("note")
                        .asString())
                .contains("approval of step 1", "no longer counts", "user deactivated");
        assertThat(approve(sam, id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aWithdrawnApprovalNoLongerShortensTheGrant() {
        org.policy(resource, List.of(groupStep("Two of three", 2, org.group(lisa, carol, sam))));
        String id =
                org.request(dev, resource, Map.of("duration", "PT2H")).get("id").asString();
        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", "{\"duration\":\"PT10M\"}")
                .expect(200);

        deactivate(lisa, "USER");
        approve(carol, id);
        JsonNode approved = approve(sam, id);

        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(decisionBy(approved, lisa).get("duration").asString()).isEqualTo("PT10M");
        assertThat(decisionBy(approved, lisa).get("withdrawn").asString()).isEqualTo("user deactivated");
        assertThat(approved.get("grantedDuration").asString()).isEqualTo("PT2H");
        JsonNode grant = approved.get("grant");
        assertThat(Duration.between(
                        Instant.parse(grant.get("startsAt").asString()),
                        Instant.parse(grant.get("endsAt").asString())))
                .isEqualTo(Duration.ofHours(2));
        assertThat(asAdmin(id).get("grantedDuration").asString()).isEqualTo("PT2H");
    }

    @Test
    void aStepLeftShortByAWithdrawnApprovalEndsAsItsTimeoutWould() {
        org.policy(resource, List.of(groupStep("Both", 2, org.group(lisa, carol))));
        String id = request();
        approve(lisa, id);

        // made an auditor: no longer approves, though still a user
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("email", lisa.name() + "@example.com", "role", "AUDITOR", "active", true)))
                .expect(200);

        JsonNode rejected = asAdmin(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("grant").isNull()).isTrue();
        assertThat(decisionBy(rejected, lisa).get("withdrawn").asString()).isEqualTo("user no longer approves");
    }

    @Test
    void anApprovalADelegateGaveStopsCountingWhenTheDelegateLeaves() {
        org.policy(resource, List.of(groupStep("Both", 2, org.group(lisa, carol))));
        api.delegate(lisa.token(), lisa.name(), sam.name(), clock.instant().plus(Duration.ofDays(3)));
        String id = request();
        JsonNode bySam = approve(sam, id);
        assertThat(decisionBy(bySam, sam).get("onBehalfOf").asString()).isEqualTo(lisa.name());

        deactivate(sam, "USER");

        JsonNode afterCarol = approve(carol, id);
        assertThat(afterCarol.get("status").asString()).isEqualTo("PENDING");
        assertThat(decisionBy(afterCarol, sam).get("withdrawn").asString()).isEqualTo("user deactivated");
        // the approval no longer speaks for lisa, who may now give her own
        assertThat(approve(lisa, id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aDelegateWhoseApprovalWasWithdrawnIsNotAskedAgainWhenTheStepEscalatesAndTheRejectionSaysSo() {
        Person eve = org.person("eve");
        Person boss = org.person("boss");
        Map<String, Object> step = Map.of(
                "name",
                "Security",
                "requiredApprovals",
                2,
                "approvers",
                List.of(Map.of("group", org.group(lisa, eve, sam))),
                "timeout",
                "PT1H",
                "onTimeout",
                "ESCALATE",
                "escalateTo",
                usersNamed(boss, carol));
        org.policy(resource, List.of(step));
        api.delegate(lisa.token(), lisa.name(), boss.name(), clock.instant().plus(Duration.ofDays(3)));
        String id = request();
        assertThat(decisionBy(approve(boss, id), boss).get("onBehalfOf").asString())
                .isEqualTo(lisa.name());

        deactivate(lisa, "USER");
        deactivate(eve, "USER");
        deactivate(sam, "USER");

        JsonNode rejected = asAdmin(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(decisionBy(rejected, boss).get("withdrawn").asString()).isEqualTo("user deactivated");
        assertThat(rejected.get("decisions").get(1).get("comment").asString())
                .isEqualTo("step 1 can no longer get its approvals: of those it escalates to, " + boss.name()
                        + " already decided it");
    }

    @Test
    void approvalsOfAStepAlreadyCompleteStandWhenTheirApproverLeaves() {
        org.policy(resource, List.of(Organisation.step("First", 1, lisa), Organisation.step("Second", 1, carol)));
        String id = request();
        approve(lisa, id);

        deactivate(lisa, "USER");

        JsonNode approved = approve(carol, id);
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(decisionBy(approved, lisa).get("withdrawn").isNull()).isTrue();
    }
}
