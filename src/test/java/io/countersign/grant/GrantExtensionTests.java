package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.request.RequestTimers;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A holder asks for more time on an active grant; the policy governing its resource and account today
 * decides, within its maximum total duration. The policy here grants two hours at most at once and
 * six in all, each request and each extension approved by lisa.
 */
@CountersignTest
class GrantExtensionTests extends DevWithATokenTestBase {

    @Autowired
    RequestTimers requestTimers;

    String lisaToken;
    String eveToken;
    String policy;
    String webhook;

    @BeforeEach
    void organisation() {
        String lisa = newUser("lisa");
        lisaToken = api.tokenFor(lisa);
        eveToken = api.tokenFor(newUser("eve"));
        policy = extensiblePolicy(lisa);
        webhook = api.webhook("http://127.0.0.1:9/hook", "grant.extended");
    }

    /** A two-hour grant of dev's, approved by lisa. */
    private JsonNode grant() {
        return approvedGrant(lisaToken, Map.of("duration", "PT2H"));
    }

    private Api.Response extend(String token, String grantId, String duration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("duration", duration);
        body.put("justification", "the migration runs long");
        return api.as(token).post("/api/v1/grants/" + grantId + "/extend", Api.json(body));
    }

    /** The id of the extension request dev opens on their grant. */
    private String extensionOf(String grantId, String duration) {
        return extend(devToken, grantId, duration).expect(201).json().get("id").asString();
    }

    private JsonNode check() {
        return api.asAdmin()
                .get("/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin")
                .expect(200)
                .json();
    }

    @Test
    void anApprovedExtensionMovesTheEndAndTheCheckAnswersFromItAtOnce() {
        JsonNode grant = grant();
        String grantId = grant.get("id").asString();
        Instant end = Instant.parse(grant.get("endsAt").asString());

        JsonNode extension = extend(devToken, grantId, "PT1H").expect(201).json();
        assertThat(extension.get("status").asString()).isEqualTo("PENDING");
        assertThat(extension.get("extends").asString()).isEqualTo(grantId);
        assertThat(extension.get("duration").asString()).isEqualTo("PT1H");
        assertThat(Instant.parse(extension.get("expiresAt").asString())).isBeforeOrEqualTo(end);
        assertThat(Instant.parse(check().get("expiresAt").asString())).isEqualTo(end);

        api.as(lisaToken)
                .post("/api/v1/requests/" + extension.get("id").asString() + "/approve", null)
                .expect(200);

        assertThat(Instant.parse(check().get("expiresAt").asString())).isEqualTo(end.plus(Duration.ofHours(1)));
        JsonNode read =
                api.as(devToken).get("/api/v1/grants/" + grantId).expect(200).json();
        assertThat(Instant.parse(read.get("endsAt").asString())).isEqualTo(end.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(2).plusMinutes(30));
        assertThat(check().get("allowed").asBoolean()).as("past the old end").isTrue();
        String requestId = grant.get("requestId").asString();
        await().untilAsserted(() -> assertThat(api.asAdmin()
                        .get("/api/v1/audit?requestId=" + requestId + "&limit=100")
                        .expect(200)
                        .json()
                        .get("items")
                        .valueStream()
                        .filter(i -> i.get("action").asString().equals("grant.extended"))
                        .map(i -> i.get("note").asString()))
                .singleElement()
                .asString()
                .contains("extended by PT1H"));
        assertThat(jdbc.sql("select payload from webhook_deliveries where webhook_id = ? and event_type = ?")
                        .params(webhook, "grant.extended")
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("\"extensionRequestId\":\"" + extension.get("id").asString() + "\"")
                .contains("\"endsAt\":\"" + end.plus(Duration.ofHours(1)) + "\"")
                .contains("\"extendedBy\":\"PT1H\"");
    }

    @Test
    void thePolicyKeepsItsExtensionBlockAndCanBeWrittenBackAsRead() {
        JsonNode read =
                api.asAdmin().get("/api/v1/policies/" + policy).expect(200).json();

        assertThat(read.get("extension").get("maxTotalDuration").asString()).isEqualTo("PT6H");
        api.asAdmin().put("/api/v1/policies/" + policy, read.toString()).expect(200);
    }

    @Test
    void explainSaysHowAnExtensionWouldBeDecided() {
        JsonNode explained = api.as(devToken)
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("resource", resource, "account", "admin", "extension", true)))
                .expect(200)
                .json();

        assertThat(explained.get("limits").get("maxTotalDuration").asString()).isEqualTo("PT6H");
        assertThat(explained.get("steps")).hasSize(1);
        assertThat(explained.get("reasons").valueStream().map(JsonNode::asString))
                .anyMatch(reason -> reason.contains("extension is approved by the policy's own steps, up to PT6H"));
    }

    @Test
    void aPartialApprovalOfAnExtensionExtendsByWhatTheApproverAllowed() {
        JsonNode grant = grant();
        Instant end = Instant.parse(grant.get("endsAt").asString());
        String extension = extensionOf(grant.get("id").asString(), "PT2H");

        api.as(lisaToken)
                .post("/api/v1/requests/" + extension + "/approve", "{\"duration\":\"PT30M\"}")
                .expect(200);

        assertThat(Instant.parse(check().get("expiresAt").asString())).isEqualTo(end.plus(Duration.ofMinutes(30)));
        assertThat(auditRowsOf(extension))
                .as("every audit row of an extension request names the grant it extends")
                .contains("request.approval_recorded " + grant.get("id").asString())
                .allMatch(row -> row.endsWith(" " + grant.get("id").asString()));
    }

    /** Each audit row of a request as its action and the grant it names. */
    private List<String> auditRowsOf(String requestId) {
        return api.asAdmin()
                .get("/api/v1/audit?requestId=" + requestId + "&limit=100")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(i -> i.get("action").asString() + " " + i.get("grantId").asString())
                .toList();
    }

    @Test
    void aRefusedExtensionKeepsTheEnd() {
        JsonNode grant = grant();
        String extension = extensionOf(grant.get("id").asString(), "PT1H");

        api.as(lisaToken)
                .post("/api/v1/requests/" + extension + "/reject", "{\"comment\":\"finish tomorrow\"}")
                .expect(200);

        assertThat(check().get("expiresAt").asString())
                .isEqualTo(grant.get("endsAt").asString());
        assertThat(auditRowsOf(extension))
                .as("every audit row of an extension request names the grant it would extend")
                .contains("request.created " + grant.get("id").asString())
                .contains("request.rejected " + grant.get("id").asString())
                .allMatch(row -> row.endsWith(" " + grant.get("id").asString()));
    }

    @Test
    void anExtensionBeyondThePolicysMaximumTotalIsAProblem() {
        String grantId = grant().get("id").asString();

        JsonNode problem = extend(devToken, grantId, "PT5H").expect(400).json();

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("duration");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("above_maximum");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("at most PT4H more");
        extend(devToken, grantId, "PT4H").expect(201);
    }

    @Test
    void aNonPositiveDurationIsAProblem() {
        String grantId = grant().get("id").asString();

        extend(devToken, grantId, "PT0S").expect(400);
        extend(devToken, grantId, "-PT1H").expect(400);
        api.as(devToken).post("/api/v1/grants/" + grantId + "/extend", "{}").expect(400);
    }

    @Test
    void aGrantHasOneExtensionPendingAtATime() {
        String grantId = grant().get("id").asString();
        extend(devToken, grantId, "PT1H").expect(201);

        extend(devToken, grantId, "PT1H").expect(409);
    }

    @Test
    void asksSentTogetherOpenOneExtensionAndTheGrantCanStillBeRevoked() throws Exception {
        String grantId = grant().get("id").asString();

        List<Integer> answers;
        try (Race race = new Race(8)) {
            answers = race.run(Collections.nCopies(
                    8, () -> extend(devToken, grantId, "PT1H").status()));
        }

        assertThat(answers).containsOnly(201, 409).containsOnlyOnce(201);
        api.as(devToken).post("/api/v1/grants/" + grantId + "/revoke", null).expect(200);
        assertThat(check().get("allowed").asBoolean()).isFalse();
    }

    @Test
    void asksSentTogetherNeverTakeAGrantPastTheMaximumTotal() throws Exception {
        String quick = Api.unique("db");
        setup.database(quick, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("quick"),
                                "conditions",
                                Map.of("resourceName", quick),
                                "maxDuration",
                                "PT1H",
                                "extension",
                                Map.of("maxTotalDuration", "PT2H"),
                                "steps",
                                List.of())))
                .expect(201);
        JsonNode grant = api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", quick, "account", "admin", "duration", "PT1H")))
                .expect(201)
                .json()
                .get("grant");
        String grantId = grant.get("id").asString();

        List<Integer> answers;
        try (Race race = new Race(8)) {
            answers = race.run(Collections.nCopies(
                    8, () -> extend(devToken, grantId, "PT1H").status()));
        }

        assertThat(answers).containsOnly(201, 400).containsOnlyOnce(201);
        JsonNode extended =
                api.as(devToken).get("/api/v1/grants/" + grantId).expect(200).json();
        assertThat(Duration.between(
                        Instant.parse(extended.get("startsAt").asString()),
                        Instant.parse(extended.get("endsAt").asString())))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void onlyTheHolderMayExtendAndOthersLearnNothingOfTheGrant() {
        String grantId = grant().get("id").asString();

        extend(eveToken, grantId, "PT1H").expect(404);
        extend(devToken, "grt-unknown1", "PT1H").expect(404);
    }

    @Test
    void anAdministratorWhoSeesTheGrantIsToldOnlyTheHolderMayExtendIt() {
        String grantId = grant().get("id").asString();

        JsonNode refused = api.asAdmin()
                .post("/api/v1/grants/" + grantId + "/extend", Api.json(Map.of("duration", "PT1H")))
                .expect(403)
                .json();

        assertThat(refused.get("detail").asString()).contains("only its holder may ask to extend it");
        assertThat(api.asAdmin()
                        .post("/api/v1/grants/grt-unknown1/extend", Api.json(Map.of("duration", "PT1H")))
                        .expect(404)
                        .json()
                        .get("detail")
                        .asString())
                .contains("exists or you may not see it");
    }

    @Test
    void aRevokedGrantCancelsItsPendingExtensionAndCannotBeExtended() {
        String grantId = grant().get("id").asString();
        String extension = extensionOf(grantId, "PT1H");

        api.as(devToken).post("/api/v1/grants/" + grantId + "/revoke", null).expect(200);

        JsonNode read = api.as(devToken)
                .get("/api/v1/requests/" + extension)
                .expect(200)
                .json();
        assertThat(read.get("status").asString()).isEqualTo("CANCELLED");
        extend(devToken, grantId, "PT1H").expect(409);
        assertThat(check().get("allowed").asBoolean()).isFalse();
    }

    @Test
    void aGrantThatEndsWhileItsExtensionIsPendingEndsAndTheExtensionExpires() {
        JsonNode grant = grant();
        String extension = extensionOf(grant.get("id").asString(), "PT1H");

        clock.advance(Duration.ofHours(2));

        assertThat(check().get("allowed").asBoolean()).isFalse();
        // its own timer, not a sweep, whose batch other tests' requests due earlier may fill; and again
        // while the scheduled sweep holds the row, which it then passes over
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            requestTimers.fire(extension);
            assertThat(api.as(devToken)
                            .get("/api/v1/requests/" + extension)
                            .expect(200)
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("EXPIRED");
        });
        api.as(lisaToken)
                .post("/api/v1/requests/" + extension + "/approve", null)
                .expect(409);
        assertThat(check().get("allowed").asBoolean()).isFalse();
    }
}
