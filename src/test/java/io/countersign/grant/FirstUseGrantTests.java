package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** A policy whose grants start their clock at the first access check that allows them, through the API. */
@CountersignTest
class FirstUseGrantTests extends FirstUseGrantTestBase {

    @Test
    void theGrantWaitsUnusedAndTheFirstAllowedCheckStartsItsClock() {
        Instant approvedAt = clock.instant();
        JsonNode issued = approvedGrant();
        String id = issued.get("id").asString();
        assertThat(issued.get("status").asString()).isEqualTo("APPROVED_UNUSED");
        assertThat(issued.get("firstUseDuration").asString()).isEqualTo("PT1H");
        assertThat(issued.get("clockStartedAt").isNull()).isTrue();
        assertThat(Instant.parse(issued.get("endsAt").asString()))
                .isAfterOrEqualTo(approvedAt.plus(Duration.ofDays(1)));

        clock.advance(Duration.ofHours(5));
        Instant firstUse = clock.instant();
        JsonNode first = check();

        assertThat(first.get("allowed").asBoolean()).isTrue();
        assertThat(first.get("grantId").asString()).isEqualTo(id);
        Instant started = Instant.parse(first.get("clockStartedAt").asString());
        assertThat(Duration.between(firstUse, started).abs()).isLessThan(Duration.ofMillis(1));
        assertThat(Instant.parse(first.get("expiresAt").asString())).isEqualTo(started.plus(Duration.ofHours(1)));
        JsonNode active = grant(id);
        assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(active.get("startsAt").asString())).isEqualTo(started);
        assertThat(Instant.parse(active.get("clockStartedAt").asString())).isEqualTo(started);

        clock.advance(Duration.ofMinutes(30));
        assertThat(Instant.parse(check().get("clockStartedAt").asString())).isEqualTo(started);
        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.awaiting_first_use", "grant.first_used");

        clock.advance(Duration.ofMinutes(31));
        assertThat(check().get("allowed").asBoolean()).isFalse();
        timers.sweep();
        assertThat(grant(id).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.awaiting_first_use", "grant.first_used", "grant.expired");
        assertThat(reasonOf(id, "grant.expired")).isNull();
    }

    /**
     * A HEAD check answers where GET does and is a use as GET is: an enforcement point told "allowed"
     * lets the access run, so it must not run without its clock.
     */
    @Test
    void aHeadCheckIsAFirstUseAndStartsTheClockAsAGetCheckDoes() {
        String id = approvedGrant().get("id").asString();
        clock.advance(Duration.ofHours(5));
        Instant firstUse = clock.instant();

        api.as(gatewayToken)
                .call(
                        HttpMethod.HEAD,
                        "/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin",
                        null)
                .expect(200);

        JsonNode active = grant(id);
        assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
        Instant started = Instant.parse(active.get("clockStartedAt").asString());
        assertThat(Duration.between(firstUse, started).abs()).isLessThan(Duration.ofMillis(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(Instant.parse(check().get("clockStartedAt").asString())).isEqualTo(started);
        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.awaiting_first_use", "grant.first_used");
    }

    @Test
    void aPartialApprovalIsHowLongTheGrantLastsFromItsFirstUse() {
        String lisa = Api.unique("lisa");
        String lisaToken = setup.tokenForNewUser(lisa, "USER");
        String approvedResource = Api.unique("db");
        firstUseResource(
                approvedResource,
                Api.unique("approved-on-first-use"),
                List.of(Map.of("approvers", List.of(Map.of("user", lisa)))));
        String requestId = api.as(devToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", approvedResource, "account", "admin", "duration", "PT1H")))
                .expect(201)
                .json()
                .get("id")
                .asString();

        JsonNode approved = api.as(lisaToken)
                .post("/api/v1/requests/" + requestId + "/approve", Api.json(Map.of("duration", "PT20M")))
                .expect(200)
                .json();

        assertThat(approved.get("grantedDuration").asString()).isEqualTo("PT20M");
        assertThat(approved.get("grant").get("status").asString()).isEqualTo("APPROVED_UNUSED");
        assertThat(approved.get("grant").get("firstUseDuration").asString()).isEqualTo("PT20M");
        clock.advance(Duration.ofHours(3));
        JsonNode first = api.as(gatewayToken)
                .get("/api/v1/access/check?user=" + dev + "&resource=" + approvedResource + "&account=admin")
                .expect(200)
                .json();
        Instant started = Instant.parse(first.get("clockStartedAt").asString());
        assertThat(Instant.parse(first.get("expiresAt").asString())).isEqualTo(started.plus(Duration.ofMinutes(20)));
    }

    @Test
    void anUnusedGrantCanBeExtendedOnlyOnceItsClockRuns() {
        String id = approvedGrant().get("id").asString();

        api.as(devToken)
                .post("/api/v1/grants/" + id + "/extend", Api.json(Map.of("duration", "PT1H")))
                .expect(409);

        Instant started = Instant.parse(check().get("clockStartedAt").asString());
        JsonNode extension = api.as(devToken)
                .post("/api/v1/grants/" + id + "/extend", Api.json(Map.of("duration", "PT1H")))
                .expect(201)
                .json();

        assertThat(extension.get("extends").asString()).isEqualTo(id);
        assertThat(extension.get("status").asString())
                .as("no steps: approved at once")
                .isEqualTo("APPROVED");
        JsonNode later = check();
        assertThat(Instant.parse(later.get("expiresAt").asString())).isEqualTo(started.plus(Duration.ofHours(2)));
        assertThat(Instant.parse(later.get("clockStartedAt").asString())).isEqualTo(started);
    }

    @Test
    void theFirstUseIsAuditedWithTheEnforcementPointThatAsked() {
        String id = approvedGrant().get("id").asString();

        check();

        awaitSealed(id);
        assertThat(jdbc.sql("select actor from audit_events where grant_id = ? and action = 'grant.first_used'")
                        .param(id)
                        .query(String.class)
                        .single())
                .startsWith("gateway");
    }

    @Test
    void anUnusedGrantExpiresUnclaimedWhenItsClaimWindowCloses() {
        String id = approvedGrant().get("id").asString();

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(check().get("allowed").asBoolean()).isFalse();
        assertThat(grant(id).get("status").asString()).isEqualTo("EXPIRED");
        timers.sweep();
        timers.sweep();
        assertThat(auditActions(id)).containsExactly("request.approved", "grant.awaiting_first_use", "grant.expired");
        assertThat(reasonOf(id, "grant.expired")).isEqualTo("unclaimed");
        assertThat(grant(id).get("clockStartedAt").isNull()).isTrue();
    }

    @Test
    void aRevokedUnusedGrantIsNeverStarted() {
        String id = approvedGrant().get("id").asString();

        api.as(devToken).post("/api/v1/grants/" + id + "/revoke", null).expect(200);

        assertThat(check().get("allowed").asBoolean()).isFalse();
        assertThat(grant(id).get("status").asString()).isEqualTo("REVOKED");
        assertThat(auditActions(id)).doesNotContain("grant.first_used");
    }

    @Test
    void aGrantWhoseClockRunsAnswersFirstAndTheWaitingOneIsKeptForLater() {
        String running = Api.unique("running");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                running,
                                "priority",
                                10,
                                "conditions",
                                Map.of("resourceName", resource),
                                "steps",
                                List.of())))
                .expect(201);
        String active = approvedGrant().get("id").asString();
        api.asAdmin().delete("/api/v1/policies/" + running).expect(204);
        String waiting = approvedGrant().get("id").asString();

        JsonNode answer = check();

        assertThat(answer.get("grantId").asString()).isEqualTo(active);
        assertThat(answer.get("clockStartedAt").isNull()).isTrue();
        assertThat(grant(waiting).get("status").asString()).isEqualTo("APPROVED_UNUSED");

        clock.advance(Duration.ofHours(1));
        assertThat(check().get("grantId").asString()).isEqualTo(waiting);
        assertThat(grant(waiting).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void theFirstUseIsAWebhookEventAndAStartAndAnUnclaimedEndIsAnEnd() {
        String webhook = api.webhook(
                "http://127.0.0.1:9/hook",
                "grant.awaiting_first_use",
                "grant.first_used",
                "grant.started",
                "grant.ended");
        String used = approvedGrant().get("id").asString();
        check();
        String unused = approvedGrant().get("id").asString();
        clock.advance(Duration.ofDays(2));
        timers.sweep();

        assertThat(deliveries(webhook, used))
                .containsExactlyInAnyOrder(
                        "grant.awaiting_first_use", "grant.first_used", "grant.started", "grant.ended");
        assertThat(deliveries(webhook, unused)).containsExactlyInAnyOrder("grant.awaiting_first_use", "grant.ended");
        assertThat(jdbc.sql("select payload from webhook_deliveries where webhook_id = ? and event_type = 'grant.ended'"
                                + " and payload like ?")
                        .params(webhook, "%" + unused + "%")
                        .query(String.class)
                        .single())
                .contains("\"reason\":\"unclaimed\"");
    }

    @Test
    void explainAndThePolicyShowTheFirstUseClock() {
        JsonNode explained = api.asAdmin()
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev, "resource", resource, "account", "admin")))
                .expect(200)
                .json();
        assertThat(explained.get("policy").asString()).isEqualTo(policy);
        assertThat(explained.get("limits").get("startOnFirstUse").asBoolean()).isTrue();
        assertThat(explained.get("limits").get("claimWindow").asString()).isEqualTo("PT24H");

        JsonNode stored =
                api.asAdmin().get("/api/v1/policies/" + policy).expect(200).json();
        assertThat(stored.get("startOnFirstUse").asBoolean()).isTrue();
        assertThat(stored.get("claimWindow").asString()).isEqualTo("PT24H");
    }

    @Test
    void aFirstUsePolicyWithoutAClaimWindowIsRefusedNamingTheField() {
        JsonNode problem = api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("no-window"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "startOnFirstUse",
                                true,
                                "steps",
                                List.of())))
                .expect(400)
                .json();

        assertThat(problem.toString()).contains("claimWindow");
    }

    private List<String> deliveries(String webhook, String grantId) {
        return jdbc.sql("select event_type from webhook_deliveries where webhook_id = ? and payload like ?")
                .params(webhook, "%\"grantId\":\"" + grantId + "\"%")
                .query(String.class)
                .list();
    }

    private String reasonOf(String grantId, String action) {
        awaitSealed(grantId);
        return jdbc.sql("select reason from audit_events where grant_id = ? and action = ?")
                .params(grantId, action)
                .query((rs, n) -> rs.getString(1))
                .list()
                .get(0);
    }
}
