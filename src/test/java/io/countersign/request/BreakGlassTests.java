package io.countersign.request;

import static io.countersign.request.Organisation.breakGlassBlock;
import static io.countersign.request.Organisation.step;
import static io.countersign.request.Organisation.usersNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Emergency access through the API: approved at once under a policy's break-glass block. */
@CountersignTest
class BreakGlassTests extends DevLisaAndCarolTestBase {

    @Autowired
    JdbcClient jdbc;

    String resource;

    @BeforeEach
    void aPolicyAllowingTwoHoursOfBreakGlass() {
        resource = org.resource();
        org.policy(
                resource,
                List.of(step("Leads", 1, lisa)),
                breakGlassBlock("PT2H", usersNamed(carol), usersNamed(lisa)));
    }

    private Api.Response breakGlass(Person who, String on, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(
                Map.of("resource", on, "account", "admin", "breakGlass", true, "justification", "database down"));
        body.putAll(extra);
        return api.as(who.token()).post("/api/v1/requests", Api.json(body));
    }

    @Test
    void aBreakGlassRequestIsApprovedAndGrantedAtOnce() {
        String webhook = org.webhook("/glass", "breakglass.used");

        JsonNode created = breakGlass(dev, resource, Map.of("duration", "PT90M"))
                .expect(201)
                .json();

        assertThat(created.get("status").asString()).isEqualTo("APPROVED");
        assertThat(created.get("breakGlass").asBoolean()).isTrue();
        assertThat(created.get("steps")).isEmpty();
        JsonNode grant = created.get("grant");
        assertThat(grant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(Duration.between(
                        Instant.parse(grant.get("startsAt").asString()),
                        Instant.parse(grant.get("endsAt").asString())))
                .isEqualTo(Duration.ofMinutes(90));
        String id = created.get("id").asString();
        JsonNode read =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(read.get("breakGlass").asBoolean()).isTrue();
        JsonNode audit = api.asAdmin()
                .get("/api/v1/audit?requestId=" + id + "&limit=100")
                .expect(200)
                .json()
                .get("items");
        assertThat(audit.valueStream()
                        .filter(i -> i.get("action").asString().equals("breakglass.used"))
                        .map(i -> i.get("note").asString()))
                .singleElement()
                .asString()
                .contains("break-glass access of " + dev.name())
                .contains("telling " + carol.name());
        assertThat(jdbc.sql("""
                        select count(*) from webhook_deliveries
                        where webhook_id = ? and event_type = 'breakglass.used' and payload like ?""")
                        .params(webhook, "%" + id + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
    }

    @Test
    void anOrdinaryRequestUnderTheSamePolicyStillWaitsForItsApprovers() {
        JsonNode created = org.request(dev, resource);

        assertThat(created.get("status").asString()).isEqualTo("PENDING");
        assertThat(created.get("breakGlass").asBoolean()).isFalse();
    }

    @Test
    void longerThanTheEmergencyMaximumIsAProblemAndCreatesNothing() {
        JsonNode problem = breakGlass(dev, resource, Map.of("duration", "PT3H"))
                .expect(400)
                .json();

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("duration");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("above_maximum");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("PT2H");
        assertThat(jdbc.sql("select count(*) from access_requests where resource_name = ?")
                        .param(resource)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aJustificationIsMandatory() {
        JsonNode problem = breakGlass(dev, resource, Map.of("justification", " "))
                .expect(400)
                .json();

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("justification");
    }

    @Test
    void aPolicyWithoutTheBlockRefusesBreakGlassAndSaysSo() {
        String plain = org.resource();
        org.policy(plain, List.of(step("Leads", 1, lisa)));

        JsonNode problem = breakGlass(dev, plain, Map.of()).expect(400).json();

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("breakGlass");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("not_allowed");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("allows no break-glass access");
    }

    @Test
    void explainShowsWhetherBreakGlassIsAllowedAndItsLimits() {
        JsonNode allowed = explain(resource);
        assertThat(allowed.get("breakGlass").get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("breakGlass").get("maxDuration").asString()).isEqualTo("PT2H");
        assertThat(allowed.get("breakGlass").get("notify").get(0).asString()).isEqualTo(carol.name());
        assertThat(allowed.get("breakGlass").get("reviewers").get(0).asString()).isEqualTo(lisa.name());
        assertThat(allowed.get("breakGlass").get("reviewWithin").asString()).isEqualTo("PT24H");
        assertThat(allowed.get("breakGlass").get("review").asString())
                .contains("within PT24H by one of [" + lisa.name());

        String plain = org.resource();
        org.policy(plain, List.of(step("Leads", 1, lisa)));
        assertThat(explain(plain).get("breakGlass").get("allowed").asBoolean()).isFalse();
    }

    @Test
    void aBlockWithoutAMaximumAnyoneToTellOrAReviewIsRefusedWithEveryIssue() {
        String other = org.resource();
        JsonNode problem = api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name", Api.unique("policy"),
                                "conditions", Map.of("resourceName", other),
                                "steps", List.of(),
                                "breakGlass", Map.of())))
                .expect(400)
                .json();

        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder(
                        "breakGlass.maxDuration",
                        "breakGlass.notify",
                        "breakGlass.reviewers",
                        "breakGlass.reviewWithin");
    }

    private JsonNode explain(String on) {
        return api.as(dev.token())
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev.name(), "resource", on, "account", "admin")))
                .expect(200)
                .json();
    }
}
