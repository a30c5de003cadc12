package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Approving for less than was asked, through the API. */
@CountersignTest
class PartialApprovalTests extends DevAndLisaTestBase {

    Person tom;
    String id;

    @BeforeEach
    void twoApproversAndAFourHourRequest() {
        tom = org.person("tom");
        String resource = org.resource();
        org.policy(resource, List.of(step("Leads", 2, lisa, tom)), Map.of("maxDuration", "PT8H"));
        id = org.request(dev, resource, Map.of("duration", "PT4H")).get("id").asString();
    }

    private JsonNode approve(Person approver, String body, int status) {
        return api.as(approver.token())
                .post("/api/v1/requests/" + id + "/approve", body)
                .expect(status)
                .json();
    }

    @Test
    void theGrantGetsTheShortestDurationAnyApproverAllowed() {
        approve(lisa, "{\"duration\":\"PT2H\"}", 200);
        JsonNode approved = approve(tom, "{\"comment\":\"one hour\",\"duration\":\"PT1H\"}", 200);

        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("duration").asString()).isEqualTo("PT4H");
        assertThat(approved.get("grantedDuration").asString()).isEqualTo("PT1H");
        assertThat(approved.get("decisions").get(0).get("duration").asString()).isEqualTo("PT2H");
        JsonNode grant = approved.get("grant");
        assertThat(Duration.between(
                        Instant.parse(grant.get("startsAt").asString()),
                        Instant.parse(grant.get("endsAt").asString())))
                .isEqualTo(Duration.ofHours(1));
        JsonNode read =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(read.get("grantedDuration").asString()).isEqualTo("PT1H");
        assertThat(read.get("decisions").get(1).get("duration").asString()).isEqualTo("PT1H");
    }

    @Test
    void theAuditRecordsTheAllowedAndTheRequestedDurations() {
        approve(lisa, "{\"duration\":\"PT30M\"}", 200);
        approve(tom, null, 200);

        JsonNode items = api.asAdmin()
                .get("/api/v1/audit?requestId=" + id + "&limit=100")
                .expect(200)
                .json()
                .get("items");
        assertThat(items.valueStream()
                        .filter(i -> i.get("action").asString().equals("request.approval_recorded"))
                        .map(i -> i.get("note").asString()))
                .anyMatch(note -> note.contains("allowed PT30M of the PT4H requested"));
        assertThat(items.valueStream()
                        .filter(i -> i.get("action").asString().equals("request.approved"))
                        .map(i -> i.get("note").asString()))
                .singleElement()
                .asString()
                .contains("granted PT30M of the PT4H requested");
    }

    @Test
    void moreThanWasAskedIsAProblemAndCountsNothing() {
        JsonNode problem = approve(lisa, "{\"duration\":\"PT5H\"}", 400);

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("duration");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("more_than_requested");
        JsonNode read =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(read.get("decisions")).isEmpty();
    }

    @Test
    void aDurationThatIsNotPositiveIsAProblem() {
        JsonNode problem = approve(lisa, "{\"duration\":\"PT0S\"}", 400);

        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("not_positive");
        approve(lisa, "{\"duration\":\"-PT1H\"}", 400);
        assertThat(approve(lisa, "{\"duration\":\"PT0.000001S\"}", 400)
                        .get("errors")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("not_whole_seconds");
    }

    @Test
    void aBadDurationIsReportedWithABadComment() {
        JsonNode problem = approve(lisa, "{\"duration\":\"PT0S\",\"comment\":\"" + "x".repeat(2001) + "\"}", 400);

        assertThat(problem.get("errors")
                        .valueStream()
                        .map(e ->
                                e.get("field").asString() + ":" + e.get("code").asString())
                        .toList())
                .containsExactlyInAnyOrder("duration:not_positive", "comment:too_long");
    }

    @Test
    void aSignedDurationIsUnreadableWhereverADurationIsTaken() {
        String resource = org.resource();
        org.policy(resource, List.of(step("Leads", 1, lisa)), Map.of("maxDuration", "PT8H"));
        for (String signed : new String[] {"PT1H-30M", "-PT-1H", "P1DT-23H", "+PT1H"}) {
            JsonNode asked = api.as(dev.token())
                    .post(
                            "/api/v1/requests",
                            Api.json(Map.of("resource", resource, "account", "admin", "duration", signed)))
                    .expect(400)
                    .json();
            JsonNode decided = approve(lisa, "{\"duration\":\"" + signed + "\"}", 400);
            JsonNode policy = api.asAdmin()
                    .post(
                            "/api/v1/policies",
                            Api.json(Map.of(
                                    "name", Api.unique("signed"),
                                    "conditions", Map.of("resourceName", resource),
                                    "steps", List.of(),
                                    "maxDuration", signed)))
                    .expect(400)
                    .json();

            for (JsonNode problem : List.of(asked, decided, policy)) {
                assertThat(problem.get("errors")
                                .valueStream()
                                .map(e -> e.get("code").asString() + ": "
                                        + e.get("message").asString()))
                        .as(signed)
                        .containsExactly("invalid_value: must be an ISO-8601 duration in days, hours, minutes or"
                                + " seconds, such as PT1H or P1D");
            }
        }
        JsonNode read =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(read.get("decisions")).isEmpty();
    }

    @Test
    void withoutADurationTheGrantGetsWhatWasAsked() {
        approve(lisa, null, 200);
        JsonNode approved = approve(tom, "{\"comment\":\"ok\"}", 200);

        assertThat(approved.get("grantedDuration").asString()).isEqualTo("PT4H");
        assertThat(approved.get("decisions").get(0).get("duration").isNull()).isTrue();
    }
}
