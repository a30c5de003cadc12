package io.countersign.request;

import static io.countersign.request.Organisation.breakGlassBlock;
import static io.countersign.request.Organisation.groupStep;
import static io.countersign.request.Organisation.step;
import static io.countersign.request.Organisation.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A user who is deactivated or deleted loses every access and every place at once, and leaves nothing to a namesake. */
@CountersignTest
class OffboardingTests extends RequesterReviewerGatewayTestBase {

    @Autowired
    MutableClock clock;

    String resource;

    @BeforeEach
    void organisation() {
        resource = org.resource();
        org.policy(resource, List.of(step("Review", 1, lisa)), Map.of("maxDuration", "PT8H"));
    }

    private boolean allowed(String user) {
        return api.as(gateway.token())
                .get("/api/v1/access/check?user=" + user + "&resource=" + resource + "&account=admin")
                .expect(200)
                .json()
                .get("allowed")
                .asBoolean();
    }

    private String request(Person requester, Map<String, Object> extra) {
        return org.request(requester, resource, extra).get("id").asString();
    }

    private JsonNode approve(Person approver, String id) {
        return api.as(approver.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json();
    }

    private JsonNode asAdmin(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    private void deactivate(String user) {
        api.deactivate(user);
    }

    private List<JsonNode> audit(String action, String requestId) {
        List<JsonNode> found = new ArrayList<>();
        api.asAdmin()
                .get("/api/v1/audit?action=" + action + "&requestId=" + requestId)
                .expect(200)
                .json()
                .get("items")
                .forEach(found::add);
        return found;
    }

    @Test
    void deactivatingAUserRevokesTheirActiveAndScheduledGrantsAndTheNextCheckIsRefused() {
        String now = request(dev, Map.of());
        String later = request(
                dev,
                Map.of(
                        "startsAt",
                        clock.instant()
                                .plus(Duration.ofHours(2))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString()));
        String activeGrant = approve(lisa, now).get("grant").get("id").asString();
        JsonNode scheduled = approve(lisa, later).get("grant");
        assertThat(scheduled.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(allowed(dev.name())).isTrue();

        deactivate(dev.name());

        assertThat(allowed(dev.name())).isFalse();
        for (String grant : List.of(activeGrant, scheduled.get("id").asString())) {
            JsonNode revoked =
                    api.asAdmin().get("/api/v1/grants/" + grant).expect(200).json();
            assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
            assertThat(revoked.get("revokedBy").asString()).isEqualTo("system");
            assertThat(revoked.get("revokeReason").asString()).isEqualTo("user deactivated");
        }
        for (String id : List.of(now, later)) {
            assertThat(audit("grant.revoked", id)).singleElement().satisfies(event -> {
                assertThat(event.get("actor").asString()).isEqualTo("system");
                assertThat(event.get("channel").asString()).isEqualTo("SYSTEM");
                assertThat(event.get("note").asString()).contains("user deactivated");
            });
        }
        clock.advance(Duration.ofHours(3));
        assertThat(allowed(dev.name())).as("the scheduled grant never starts").isFalse();
    }

    @Test
    void deletingAUserRevokesTheirGrantsAndCancelsTheirPendingRequests() {
        String granted = request(dev, Map.of());
        String grant = approve(lisa, granted).get("grant").get("id").asString();
        String pending = request(dev, Map.of());

        api.asAdmin().delete("/api/v1/users/" + dev.name()).expect(204);

        assertThat(allowed(dev.name())).isFalse();
        JsonNode revoked =
                api.asAdmin().get("/api/v1/grants/" + grant).expect(200).json();
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revokeReason").asString()).isEqualTo("user deleted");
        assertThat(revoked.get("user").asString()).as("history keeps the name").isEqualTo(dev.name());
        JsonNode cancelled = asAdmin(pending);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("requester").asString()).isEqualTo(dev.name());
        assertThat(audit("request.cancelled", pending)).singleElement().satisfies(event -> {
            assertThat(event.get("actor").asString()).isEqualTo("system");
            assertThat(event.get("note").asString()).contains("user deleted");
        });
        assertThat(api.as(lisa.token())
                        .post("/api/v1/requests/" + pending + "/approve", null)
                        .status())
                .as("a cancelled request can no longer be approved into a grant")
                .isEqualTo(409);
    }

    @Test
    void aNewUserGivenADeletedUsersNameInheritsNothing() {
        String granted = request(dev, Map.of());
        approve(lisa, granted);

        api.asAdmin().delete("/api/v1/users/" + dev.name()).expect(204);
        Person newDev = org.recreate(dev.name());

        api.as(newDev.token()).get("/api/v1/requests/" + granted).expect(404);
        assertThat(api.as(newDev.token())
                        .get("/api/v1/requests")
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.as(newDev.token())
                        .get("/api/v1/grants")
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(allowed(dev.name())).isFalse();
    }

    @Test
    void aNewUserGivenADeletedApproversNameIsNotAnApproverOfOldRequests() {
        Person carol = org.person("carol");
        Person tom = org.person("tom");
        String team = org.group(tom, carol);
        String other = org.resource();
        org.policy(other, List.of(groupStep("Team", 1, team)));
        String waiting = org.request(dev, other).get("id").asString();

        api.asAdmin().delete("/api/v1/users/" + tom.name()).expect(204);
        Person newTom = org.recreate(tom.name());
        api.asAdmin()
                .put(
                        "/api/v1/groups/" + team,
                        Api.json(Map.of("members", List.of(carol.name(), tom.name()), "managers", List.of())))
                .expect(200);

        JsonNode pending = asAdmin(waiting);
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(pending.get("steps").get(0).get("eligibleApprovers").toString())
                .doesNotContain(tom.name());
        api.as(newTom.token()).get("/api/v1/requests/" + waiting).expect(404);
        assertThat(api.as(newTom.token())
                        .get("/api/v1/requests?awaiting=me")
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
        api.as(newTom.token())
                .post("/api/v1/requests/" + waiting + "/approve", null)
                .expect(404);
        assertThat(approve(carol, waiting).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aUserAPolicyNamesCannotBeDeletedAndTheAnswerSaysWhichPolicy() {
        String policy = org.policy(org.resource(), List.of(step("Named", 1, lisa)));

        JsonNode refused =
                api.asAdmin().delete("/api/v1/users/" + lisa.name()).expect(409).json();

        assertThat(refused.get("detail").asString()).contains("policy:" + policy);
        api.asAdmin().get("/api/v1/users/" + lisa.name()).expect(200);
    }

    @Test
    void aUserOrGroupNamedOnlyForBreakGlassCannotBeDeletedEither() {
        Person reviewer = org.person("rita");
        Person told = org.person("nina");
        String security = org.group(told);
        String policy = org.policy(
                org.resource(),
                List.of(step("Named", 1, lisa)),
                breakGlassBlock("PT1H", List.of(Map.of("group", security)), usersNamed(reviewer)));

        JsonNode refused = api.asAdmin()
                .delete("/api/v1/users/" + reviewer.name())
                .expect(409)
                .json();
        assertThat(refused.get("detail").asString()).contains("policy:" + policy);
        api.asAdmin().delete("/api/v1/groups/" + security).expect(409);

        api.asAdmin().get("/api/v1/users/" + reviewer.name()).expect(200);
        api.asAdmin().get("/api/v1/groups/" + security).expect(200);
    }

    @Test
    void aRevocationIsPublishedAsGrantRevokedAsWellAsGrantEnded() {
        String webhook = org.webhook("/hook", "grant.revoked", "grant.ended");
        String grant =
                approve(lisa, request(dev, Map.of())).get("grant").get("id").asString();

        deactivate(dev.name());

        // Grants of other tests on the same database may end meanwhile: only this grant's count.
        List<String> types = new ArrayList<>();
        api.asAdmin()
                .get("/api/v1/webhooks/" + webhook + "/deliveries")
                .expect(200)
                .json()
                .get("items")
                .forEach(d -> {
                    if (grant.equals(
                            d.path("grantId").isString() ? d.path("grantId").asString() : null)) {
                        types.add(d.get("type").asString());
                    }
                });
        assertThat(types).containsExactlyInAnyOrder("grant.revoked", "grant.ended");
    }

    @Test
    void aUserDeactivatedByAnImportLosesTheirAccessToo() {
        String granted = request(dev, Map.of());
        String grant = approve(lisa, granted).get("grant").get("id").asString();

        api.asAdmin()
                .post(
                        "/api/v1/import",
                        Api.json(Map.of(
                                "users",
                                List.of(Map.of(
                                        "username",
                                        dev.name(),
                                        "email",
                                        dev.name() + "@example.com",
                                        "active",
                                        false)))))
                .expect(200);

        assertThat(allowed(dev.name())).isFalse();
        JsonNode revoked =
                api.asAdmin().get("/api/v1/grants/" + grant).expect(200).json();
        assertThat(revoked.get("revokeReason").asString()).isEqualTo("user deactivated");
    }

    @Test
    void aDeactivatedUserCanNoLongerBeGrantedWhatTheyAskedFor() {
        String pending = request(dev, Map.of());

        deactivate(dev.name());

        assertThat(asAdmin(pending).get("status").asString()).isEqualTo("CANCELLED");
        api.as(lisa.token())
                .post("/api/v1/requests/" + pending + "/approve", null)
                .expect(409);
        assertThat(allowed(dev.name())).isFalse();
        assertThat(Instant.parse(asAdmin(pending).get("closedAt").asString())).isNotNull();
    }
}
