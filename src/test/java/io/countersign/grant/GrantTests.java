package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Grants through the API: who sees and revokes which, and the access check. */
@CountersignTest
class GrantTests extends DevWithATokenTestBase {

    @Autowired
    GrantTimers timers;

    @Autowired
    MeterRegistry meters;

    String other;
    String otherToken;
    String gatewayToken;

    @BeforeEach
    void organisation() {
        other = Api.unique("other");
        otherToken = setup.tokenForNewUser(other, "USER");
        gatewayToken = setup.tokenForNewUser(Api.unique("gateway"), "ENFORCER");
        setup.database(resource, "admin", "readonly");
        setup.openPolicy(resource);
    }

    private JsonNode grantFor(String token, String account) {
        return api.as(token)
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", account)))
                .expect(201)
                .json()
                .get("grant");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void usersSeeTheirOwnGrantsAndAdministratorsAndAuditorsSeeAll() {
        String mine = grantFor(devToken, "admin").get("id").asString();
        String theirs = grantFor(otherToken, "admin").get("id").asString();
        String auditorToken = setup.tokenForNewUser(Api.unique("auditor"), "AUDITOR");

        assertThat(ids(api.as(devToken).get("/api/v1/grants").expect(200).json()))
                .contains(mine)
                .doesNotContain(theirs);
        assertThat(ids(api.asAdmin().get("/api/v1/grants?limit=200").json())).contains(mine, theirs);
        assertThat(ids(api.as(auditorToken).get("/api/v1/grants?limit=200").json()))
                .contains(mine, theirs);
        assertThat(api.as(devToken).get("/api/v1/grants/" + theirs).status()).isEqualTo(404);
    }

    @Test
    void activeGrantsLeaveOutEndedAndRevokedOnes() {
        String revoked = grantFor(devToken, "readonly").get("id").asString();
        api.as(devToken).post("/api/v1/grants/" + revoked + "/revoke", null).expect(200);
        String active = grantFor(devToken, "admin").get("id").asString();

        JsonNode page =
                api.as(devToken).get("/api/v1/grants?active=true").expect(200).json();

        assertThat(ids(page)).contains(active).doesNotContain(revoked);
        clock.advance(Duration.ofHours(1));
        assertThat(ids(api.as(devToken).get("/api/v1/grants?active=true").json()))
                .doesNotContain(active);
    }

    @Test
    void inactiveGrantsAreExactlyTheOnesNotInForce() {
        String revoked = grantFor(devToken, "readonly").get("id").asString();
        api.as(devToken).post("/api/v1/grants/" + revoked + "/revoke", null).expect(200);
        String active = grantFor(devToken, "admin").get("id").asString();
        String startsAt = clock.instant()
                .plus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String scheduled = api.as(devToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "readonly", "startsAt", startsAt)))
                .expect(201)
                .json()
                .get("grant")
                .get("id")
                .asString();

        assertThat(ids(api.as(devToken)
                        .get("/api/v1/grants?active=false")
                        .expect(200)
                        .json()))
                .contains(revoked, scheduled)
                .doesNotContain(active);
        assertThat(ids(api.as(devToken).get("/api/v1/grants").json())).contains(revoked, scheduled, active);
        clock.advance(Duration.ofHours(1));
        assertThat(ids(api.as(devToken).get("/api/v1/grants?active=false").json()))
                .as("an expired grant")
                .contains(active);
    }

    @Test
    void anAdministratorMayRevokeAnyGrantAndAnotherUserMayNot() {
        String grant = grantFor(devToken, "admin").get("id").asString();

        assertThat(api.as(otherToken)
                        .post("/api/v1/grants/" + grant + "/revoke", null)
                        .status())
                .isEqualTo(404);
        JsonNode revoked = api.asAdmin()
                .post("/api/v1/grants/" + grant + "/revoke", "{\"reason\":\"left the team\"}")
                .expect(200)
                .json();

        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revokeReason").asString()).isEqualTo("left the team");
    }

    @Test
    void aRevocationWithAnUnknownFieldIsReportedWithItsOtherProblemsAndRevokesNothing() {
        String grant = grantFor(devToken, "admin").get("id").asString();
        String path = "/api/v1/grants/" + grant + "/revoke";

        var tooLong = api.asAdmin().post(path, "{\"reason\":\"" + "x".repeat(2001) + "\",\"notify\":true}");
        var wrongType = api.asAdmin().post(path, "{\"reason\":{\"pasted-secret-8a4c\":1},\"notify\":true}");
        var unknownAlone = api.asAdmin().post(path, "{\"reason\":\"left the team\",\"notify\":true}");

        assertThat(Api.issues(tooLong.expect(400)))
                .containsExactlyInAnyOrder("reason:too_long", "notify:unknown_field");
        assertThat(Api.issues(wrongType.expect(400)))
                .containsExactlyInAnyOrder("reason:invalid_type", "notify:unknown_field");
        assertThat(wrongType.body()).doesNotContain("pasted-secret-8a4c");
        assertThat(Api.issues(unknownAlone.expect(400))).containsExactly("notify:unknown_field");
        assertThat(api.asAdmin()
                        .get("/api/v1/grants/" + grant)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        String check = "/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin";
        assertThat(api.as(gatewayToken).get(check).json().get("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void aRevocationIsSeenByTheVeryNextCheck() {
        String grant = grantFor(devToken, "admin").get("id").asString();
        String path = "/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin";
        assertThat(api.as(gatewayToken).get(path).json().get("allowed").asBoolean())
                .isTrue();

        api.asAdmin().post("/api/v1/grants/" + grant + "/revoke", null).expect(200);

        assertThat(api.as(gatewayToken).get(path).json().get("allowed").asBoolean())
                .isFalse();
    }

    @Test
    void checksAreCountedByOutcome() {
        grantFor(devToken, "admin");
        String path = "/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=";
        double allowed = checks("allowed");
        double denied = checks("denied");

        api.as(gatewayToken).get(path + "admin").expect(200);
        api.as(gatewayToken).get(path + "readonly").expect(200);
        api.as(gatewayToken).get(path + "readonly").expect(200);

        assertThat(checks("allowed")).isEqualTo(allowed + 1);
        assertThat(checks("denied")).isEqualTo(denied + 2);
    }

    private double checks(String outcome) {
        return meters.get("countersign.access.checks")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void theCheckIsAboutOneAccountOfOneResource() {
        grantFor(devToken, "readonly");
        String base = "/api/v1/access/check?user=" + dev + "&resource=" + resource;

        assertThat(api.as(gatewayToken)
                        .get(base + "&account=readonly")
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isTrue();
        assertThat(api.as(gatewayToken)
                        .get(base + "&account=admin")
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isFalse();
        assertThat(api.as(gatewayToken)
                        .get("/api/v1/access/check?user=" + other + "&resource=" + resource + "&account=readonly")
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aNameWithALetterThatLowerCasesToAsciiIsCheckedAsAnUnknownName() {
        String box = Api.unique("k-box");
        setup.database(box, "admin");
        setup.openPolicy(box);
        api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", box, "account", "admin")))
                .expect(201);
        String check = "/api/v1/access/check?user=" + dev + "&account=admin&resource=";
        assertThat(api.as(gatewayToken).get(check + box).json().get("allowed").asBoolean())
                .isTrue();

        JsonNode kelvin = api.as(gatewayToken)
                .get(check + "\u212A" + box.substring(1))
                .expect(200)
                .json();
        JsonNode unknown = api.as(gatewayToken)
                .get(check + Api.unique("no-box"))
                .expect(200)
                .json();

        assertThat(kelvin.get("allowed").asBoolean()).isFalse();
        assertThat(kelvin).isEqualTo(unknown);
    }

    @Test
    void aCheckWithoutItsParametersIsABadRequestNamingEachOne() {
        var answer = api.as(gatewayToken).get("/api/v1/access/check");

        assertThat(answer.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("user", "resource", "account");
    }

    @Test
    void aNameTooLongToExistIsRefusedAsEveryOtherNameFieldRefusesIt() {
        var answer = api.as(gatewayToken)
                .get("/api/v1/access/check?user=" + "u".repeat(129) + "&resource=" + resource + "&account=admin")
                .expect(400)
                .json();

        assertThat(answer.get("errors").get(0).get("field").asString()).isEqualTo("user");
        assertThat(answer.get("errors").get(0).get("code").asString()).isEqualTo("invalid_name");
    }

    @Test
    void onlyEnforcersAndAdministratorsMayCheckAccess() {
        String path = "/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin";

        assertThat(api.as(devToken).get(path).status()).isEqualTo(403);
        assertThat(api.asAdmin().get(path).status()).isEqualTo(200);
    }

    @Test
    void grantPagesRunWithoutRepeats() {
        for (int i = 0; i < 3; i++) {
            grantFor(devToken, "admin");
            clock.advance(Duration.ofSeconds(1));
        }
        JsonNode first =
                api.as(devToken).get("/api/v1/grants?limit=2").expect(200).json();
        JsonNode second = api.as(devToken)
                .get("/api/v1/grants?limit=2&cursor=" + first.get("nextCursor").asString())
                .expect(200)
                .json();

        assertThat(ids(first)).hasSize(2);
        assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void eachApprovedRequestHasExactlyOneGrantRow() {
        JsonNode grant = grantFor(devToken, "admin");

        assertThat(jdbc.sql("select count(*) from grants where request_id = ?")
                        .param(grant.get("requestId").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theSweepRecordsStartsAndEndsTheClockHasAlreadyDecided() {
        java.time.Instant startsAt =
                clock.instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = api.as(devToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "startsAt", startsAt.toString())))
                .expect(201)
                .json()
                .get("grant")
                .get("id")
                .asString();
        assertThat(stored(id)).isEqualTo("SCHEDULED");

        clock.advance(Duration.ofHours(2));
        timers.sweep();
        assertThat(stored(id)).isEqualTo("ACTIVE");
        assertThat(auditActions(id)).containsExactly("request.approved", "grant.scheduled", "grant.started");

        clock.advance(Duration.ofHours(1));
        timers.sweep();
        timers.sweep();
        assertThat(stored(id)).isEqualTo("EXPIRED");
        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.scheduled", "grant.started", "grant.expired");
        assertThat(api.as(devToken)
                        .get("/api/v1/grants/" + id)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("EXPIRED");
    }

    private String stored(String grantId) {
        return jdbc.sql("select status from grants where id = ?")
                .param(grantId)
                .query(String.class)
                .single();
    }
}
