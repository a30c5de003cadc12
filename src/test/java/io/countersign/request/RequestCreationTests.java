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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CountersignTest
class RequestCreationTests extends DevAndLisaTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    String resource;

    @BeforeEach
    void organisation() {
        resource = org.resource();
        org.policy(
                resource,
                List.of(step("Review", 1, lisa)),
                Map.of(
                        "defaultDuration", "PT1H",
                        "maxDuration", "PT4H",
                        "requestTtl", "PT8H",
                        "requireJustification", true,
                        "ticketPattern", "^(INC|CHG)-[0-9]+$"));
    }

    /** {@code caller} asks with {@code body}, and the {@code headers} given as name and value pairs. */
    private Api.Response create(Person caller, Map<String, Object> body, String... headers) {
        return api.as(caller.token()).call(HttpMethod.POST, "/api/v1/requests", Api.json(body), headers);
    }

    /** A body asking for the governed resource's admin account, with the fields given as name and value pairs. */
    private Map<String, Object> asking(Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("resource", resource, "account", "admin"));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    /** A body that breaks none of the policy's limits, so that only when it asks access to start is judged. */
    private Map<String, Object> startingAt(Instant start) {
        return asking("justification", "INC-7", "ticket", "INC-7", "startsAt", start.toString());
    }

    private static List<String> fields(Api.Response answer) {
        List<String> fields = new ArrayList<>();
        for (JsonNode error : answer.json().get("errors")) {
            fields.add(error.get("field").asString() + ":" + error.get("code").asString());
        }
        return fields;
    }

    private long requestsOf(Person person) {
        return jdbc.sql("select count(*) from access_requests where requester = ?")
                .param(person.name())
                .query(Long.class)
                .single();
    }

    @Test
    void aRequestWithinThePolicysLimitsIsCreatedWithItsDefaultsAndTimeToLive() {
        var answer = create(dev, asking("justification", "INC-7", "ticket", "INC-7"));

        JsonNode created = answer.expect(201).json();
        assertThat(created.get("duration").asString()).isEqualTo("PT1H");
        assertThat(created.get("ticket").asString()).isEqualTo("INC-7");
        assertThat(created.get("createdBy").asString()).isEqualTo(dev.name());
        assertThat(Duration.between(
                        Instant.parse(created.get("createdAt").asString()),
                        Instant.parse(created.get("expiresAt").asString())))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void everyBrokenLimitIsReportedAtOnceAndNothingIsCreated() {
        var answer = create(
                dev,
                asking(
                        "duration",
                        "PT9H",
                        "ticket",
                        "JIRA-1",
                        "startsAt",
                        clock.instant().minus(Duration.ofHours(1)).toString()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer))
                .containsExactlyInAnyOrder(
                        "duration:above_maximum",
                        "justification:required",
                        "ticket:invalid_format",
                        "startsAt:in_the_past");
        assertThat(requestsOf(dev)).isZero();
    }

    @Test
    void aStartMomentsAgoMeansAtOnceSoTheRequestKeepsNoneAndAgreesWithItsGrant() {
        var answer = create(dev, startingAt(clock.instant().minus(RequestValidation.CLOCK_SKEW)));

        JsonNode created = answer.expect(201).json();
        assertThat(created.path("startsAt").isNull())
                .as("startsAt of " + created)
                .isTrue();
        clock.advance(Duration.ofMinutes(5));
        Instant approvedAt = clock.instant();
        JsonNode approved = api.as(lisa.token())
                .post("/api/v1/requests/" + created.get("id").asString() + "/approve", null)
                .expect(200)
                .json();
        assertThat(approved.path("startsAt").isNull()).isTrue();
        assertThat(approved.get("grant").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(approved.get("grant").get("startsAt").asString()))
                .isEqualTo(approvedAt.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aStartFurtherInThePastThanClocksDriftIsRefused() {
        var answer = create(
                dev,
                startingAt(clock.instant().minus(RequestValidation.CLOCK_SKEW).minusSeconds(1)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("startsAt:in_the_past");
        assertThat(requestsOf(dev)).isZero();
    }

    @Test
    void missingResourceAndAccountAreBothReported() {
        var answer = create(dev, Map.of("duration", "PT0S"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer))
                .containsExactlyInAnyOrder("resource:required", "account:required", "duration:not_positive");
    }

    @Test
    void aMissingTicketAndAStartTooFarAheadAreReported() {
        var answer = create(
                dev,
                asking(
                        "justification",
                        "x",
                        "startsAt",
                        clock.instant().plus(Duration.ofDays(31)).toString()));

        assertThat(fields(answer)).containsExactlyInAnyOrder("ticket:required", "startsAt:too_far_ahead");
    }

    @Test
    void unknownFieldsAndMalformedDurationsAreBadRequests() {
        assertThat(create(dev, asking("colour", "red")).status()).isEqualTo(400);
        assertThat(create(dev, asking("duration", "two hours")).status()).isEqualTo(400);
    }

    @Test
    void withoutAMatchingPolicyTheRequestIsRefused() {
        String ungoverned = org.resource();

        var answer = create(dev, Map.of("resource", ungoverned, "account", "admin"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("reason").asString()).isEqualTo("no_matching_policy");
    }

    @Test
    void aPlanWithTooFewApproversIsRefusedWithThePlannersMessage() {
        String scarce = org.resource();
        org.policy(scarce, List.of(step("Review", 2, lisa)));

        var answer = create(dev, Map.of("resource", scarce, "account", "admin"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("reason").asString()).isEqualTo("too_few_approvers");
        assertThat(answer.json().get("detail").asString()).isNotBlank();
        assertThat(requestsOf(dev)).isZero();
    }

    @Test
    void aUserMayOnlyRequestForThemself() {
        var forOther = create(dev, asking("requester", lisa.name()));
        var forSelf = create(dev, asking("requester", dev.name(), "justification", "x", "ticket", "CHG-1"));

        assertThat(forOther.status()).isEqualTo(403);
        assertThat(forSelf.status()).isEqualTo(201);
    }

    @Test
    void anEnforcerRequestsOnBehalfOfANamedUserAndMustNameOne() {
        Person gateway = org.person("gateway", "ENFORCER");

        var unnamed = create(gateway, asking("justification", "x", "ticket", "INC-2"));
        var named = create(gateway, asking("justification", "x", "ticket", "INC-2", "requester", dev.name()));

        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(fields(unnamed)).containsExactly("requester:required");
        JsonNode created = named.expect(201).json();
        assertThat(created.get("requester").asString()).isEqualTo(dev.name());
        assertThat(created.get("createdBy").asString()).isEqualTo(gateway.name());
        String id = created.get("id").asString();
        assertThat(api.as(gateway.token()).get("/api/v1/requests/" + id).status())
                .as("the enforcer that created it sees it")
                .isEqualTo(200);
    }

    @Test
    void aRequesterThatCannotBeAUsernameIsInvalidNotUnknown() {
        Person gateway = org.person("gateway", "ENFORCER");
        for (String requester : List.of("a b", "a".repeat(129), "-dev")) {
            var answer = create(gateway, asking("requester", requester));
            assertThat(answer.status()).as(requester).isEqualTo(400);
            assertThat(fields(answer)).as(requester).containsExactly("requester:invalid_name");
        }
    }

    @Test
    void anAuditorMayNotCreateRequests() {
        Person auditor = org.person("auditor", "AUDITOR");

        assertThat(create(auditor, asking()).status()).isEqualTo(403);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameRequestAndCreatesNothing() {
        Map<String, Object> body = asking("justification", "x", "ticket", "INC-3");
        String key = Api.unique("key");

        var first = create(dev, body, "Idempotency-Key", key);
        var again = create(dev, body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(requestsOf(dev)).isEqualTo(1);
    }

    @Test
    void anEmptyIdempotencyKeyIsRefusedRatherThanTakenAsNone() {
        Map<String, Object> body = asking("justification", "x", "ticket", "INC-6");

        var plain = create(dev, body, "Idempotency-Key", "");
        var waiting = create(dev, body, "Idempotency-Key", "", "Prefer", "wait=0");

        for (var answer : List.of(plain, waiting)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("Idempotency-Key");
            assertThat(answer.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("invalid_value");
        }
        assertThat(requestsOf(dev)).isZero();
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIsRefused() {
        String key = Api.unique("key");
        create(dev, asking("justification", "x", "ticket", "INC-4"), "Idempotency-Key", key)
                .expect(201);

        var different = create(dev, asking("justification", "y", "ticket", "INC-4"), "Idempotency-Key", key);

        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().get("reason").asString()).isEqualTo("idempotency_key_reused");
        assertThat(requestsOf(dev)).isEqualTo(1);
    }

    @Test
    void idempotencyKeysBelongToTheirCaller() {
        Person other = org.person("other");
        String key = Api.unique("key");
        Map<String, Object> body = asking("justification", "x", "ticket", "INC-5");

        create(dev, body, "Idempotency-Key", key).expect(201);
        create(other, body, "Idempotency-Key", key).expect(201);
    }
}
