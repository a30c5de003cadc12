package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * An extension is held to the rules of the policy that governs the grant as any request is: its
 * ticket reference, its steps (an empty list of extension steps is none), its total maximum. The
 * policy here wants a ticket and lets a grant last three hours in all, approved by lisa.
 */
@CountersignTest
class GrantExtensionRulesTests extends DevWithATokenTestBase {

    String lisa;
    String lisaToken;
    String policy;

    @BeforeEach
    void organisation() {
        lisa = newUser("lisa");
        lisaToken = api.tokenFor(lisa);
        setup.database(resource, "admin");
        policy = Api.unique("ticketed");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", policy);
        body.put("conditions", Map.of("resourceName", resource));
        body.put("maxDuration", "PT2H");
        body.put("ticketPattern", "^INC-[0-9]+$");
        body.put("extension", Map.of("maxTotalDuration", "PT3H", "steps", List.of()));
        body.put("steps", List.of(Map.of("approvers", List.of(Map.of("user", lisa)))));
        api.asAdmin().post("/api/v1/policies", Api.json(body)).expect(201);
    }

    /** A two-hour grant of dev's, approved by lisa. */
    private String grant() {
        return approvedGrant(lisaToken, Map.of("duration", "PT2H", "ticket", "INC-1"))
                .get("id")
                .asString();
    }

    private Api.Response extend(String grantId, Map<String, Object> body) {
        return api.as(devToken).post("/api/v1/grants/" + grantId + "/extend", Api.json(body));
    }

    @Test
    void anExtensionNeedsTheTicketThePolicyRequires() {
        String grantId = grant();

        JsonNode missing =
                extend(grantId, Map.of("duration", "PT1H")).expect(400).json();
        JsonNode malformed = extend(grantId, Map.of("duration", "PT1H", "ticket", "see chat"))
                .expect(400)
                .json();
        JsonNode extension = extend(grantId, Map.of("duration", "PT1H", "ticket", " INC-7 "))
                .expect(201)
                .json();

        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("ticket");
        assertThat(missing.get("errors").get(0).get("code").asString()).isEqualTo("required");
        assertThat(malformed.get("errors").get(0).get("code").asString()).isEqualTo("invalid_format");
        assertThat(extension.get("ticket").asString()).isEqualTo("INC-7");
    }

    @Test
    void anEmptyListOfExtensionStepsLeavesTheExtensionToThePolicysOwnSteps() {
        String grantId = grant();

        JsonNode extension = extend(grantId, Map.of("duration", "PT1H", "ticket", "INC-7"))
                .expect(201)
                .json();
        JsonNode explained = api.as(devToken)
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("resource", resource, "account", "admin", "extension", true)))
                .expect(200)
                .json();

        assertThat(extension.get("status").asString()).isEqualTo("PENDING");
        assertThat(explained.get("steps")).hasSize(1);
        assertThat(explained.get("reasons").valueStream().map(JsonNode::asString))
                .anyMatch(reason -> reason.contains("extension is approved by the policy's own steps"))
                .noneMatch(reason -> reason.contains("has no approval steps"));
    }

    @Test
    void aRequesterTrustedForAccessStillWaitsForTheExtensionApprovers() {
        String ops = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", ops, "members", List.of(dev))))
                .expect(201);
        String trusted = Api.unique("db");
        setup.database(trusted, "admin");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Api.unique("trusted"));
        body.put("conditions", Map.of("resourceName", trusted));
        body.put("maxDuration", "PT2H");
        body.put("autoApprove", Map.of("requesterGroups", List.of(ops)));
        body.put("steps", List.of(Map.of("approvers", List.of(Map.of("user", lisa)))));
        body.put(
                "extension",
                Map.of(
                        "maxTotalDuration",
                        "PT3H",
                        "steps",
                        List.of(Map.of("approvers", List.of(Map.of("user", lisa))))));
        api.asAdmin().post("/api/v1/policies", Api.json(body)).expect(201);
        JsonNode granted = api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", trusted, "account", "admin", "duration", "PT1H")))
                .expect(201)
                .json();

        JsonNode extension = extend(granted.get("grant").get("id").asString(), Map.of("duration", "PT30M"))
                .expect(201)
                .json();
        JsonNode explained = api.as(devToken)
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("resource", trusted, "account", "admin", "extension", true)))
                .expect(200)
                .json();

        assertThat(granted.get("status").asString()).isEqualTo("APPROVED");
        assertThat(extension.get("status").asString()).isEqualTo("PENDING");
        assertThat(extension.get("steps").get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(explained.get("autoApproved").asBoolean()).isFalse();
        assertThat(explained.get("steps").get(0).get("eligibleApprovers").get(0).asString())
                .isEqualTo(lisa);
    }

    @Test
    void aGrantAtItsMaximumIsSaidToBeBeyondExtending() {
        String grantId = grant();
        String extension = extend(grantId, Map.of("duration", "PT1H", "ticket", "INC-7"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        api.as(lisaToken)
                .post("/api/v1/requests/" + extension + "/approve", null)
                .expect(200);

        JsonNode problem = extend(grantId, Map.of("duration", "PT1H", "ticket", "INC-8"))
                .expect(400)
                .json();

        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("above_maximum");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .contains("cannot be extended further")
                .doesNotContain("PT0S");
    }

    /**
     * A duration too long to add to the time the grant already lasts is past the maximum as any other
     * is, down to the longest a duration can be written.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {"PT9223372036854775807S", "PT2562047788015215H", "PT153722867280912930M", "P106751991167300D"})
    void anExtensionBeyondAnyTotalIsRefusedAsAboveTheMaximum(String duration) {
        String grantId = grant();

        JsonNode problem = extend(grantId, Map.of("duration", duration, "ticket", "INC-7"))
                .expect(400)
                .json();

        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("duration");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("above_maximum");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("at most PT1H more may be asked");
    }

    @Test
    void aGrantAtItsMaximumIsBeyondExtendingByTheLongestDurationToo() {
        String grantId = grant();
        String extension = extend(grantId, Map.of("duration", "PT1H", "ticket", "INC-7"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        api.as(lisaToken)
                .post("/api/v1/requests/" + extension + "/approve", null)
                .expect(200);

        JsonNode problem = extend(grantId, Map.of("duration", "PT9223372036854775807S", "ticket", "INC-8"))
                .expect(400)
                .json();

        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("above_maximum");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("cannot be extended further");
    }

    @Test
    void theAuditNoteOfAnExtensionNamesTheGrantItExtends() {
        String grantId = grant();
        String extension = extend(grantId, Map.of("duration", "PT1H", "ticket", "INC-7"))
                .expect(201)
                .json()
                .get("id")
                .asString();

        JsonNode created = api.asAdmin()
                .get("/api/v1/audit?requestId=" + extension + "&action=request.created")
                .expect(200)
                .json()
                .get("items")
                .get(0);

        assertThat(created.get("note").asString()).contains("extend grant " + grantId);
    }
}
