package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import io.countersign.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Delegation and out-of-office through the API. */
@CountersignTest
class DelegationTests extends DevAndLisaTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    DelegationStarts starts;

    Person tom;
    Person sam;
    String resource;

    @BeforeEach
    void lisaAndTomApproveDevsRequests() {
        tom = org.person("tom");
        sam = org.person("sam");
        resource = org.resource();
        org.policy(resource, List.of(step("Leads", 1, lisa, tom)));
    }

    private Api.Response delegate(Person from, Person to, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", to.name());
        body.put("until", clock.instant().plus(Duration.ofDays(3)).toString());
        body.putAll(extra);
        return api.as(from.token()).post("/api/v1/users/" + from.name() + "/delegations", Api.json(body));
    }

    private String request() {
        return org.request(dev, resource).get("id").asString();
    }

    private List<String> awaiting(Person person) {
        return api.as(person.token())
                .get("/api/v1/requests?awaiting=me")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(r -> r.get("id").asString())
                .toList();
    }

    private List<JsonNode> audit(String requestId, String action) {
        return api.asAdmin()
                .get("/api/v1/audit?requestId=" + requestId + "&limit=100")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(i -> i.get("action").asString().equals(action))
                .toList();
    }

    @Test
    void aDelegateApprovesOnBehalfOfTheDelegatorAndTheRequestAndAuditSaySo() {
        JsonNode created = delegate(lisa, sam, Map.of()).expect(201).json();
        assertThat(created.get("id").asString()).startsWith("dlg-");
        assertThat(created.get("delegator").asString()).isEqualTo(lisa.name());
        String id = request();

        assertThat(awaiting(sam)).contains(id);
        JsonNode approved = api.as(sam.token())
                .post("/api/v1/requests/" + id + "/approve", "{\"comment\":\"covering\"}")
                .expect(200)
                .json();

        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = approved.get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(sam.name());
        assertThat(decision.get("onBehalfOf").asString()).isEqualTo(lisa.name());
        JsonNode read =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(read.get("decisions").get(0).get("onBehalfOf").asString()).isEqualTo(lisa.name());
        JsonNode recorded = audit(id, "request.approval_recorded").get(0);
        assertThat(recorded.get("actor").asString()).isEqualTo(sam.name());
        assertThat(recorded.get("note").asString()).startsWith("On behalf of " + lisa.name() + ": step 0");
    }

    @Test
    void explainShowsTheDelegationsInForceForEachStep() {
        delegate(lisa, sam, Map.of()).expect(201);
        delegate(tom, dev, Map.of()).expect(201);

        JsonNode explained = api.as(dev.token())
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev.name(), "resource", resource, "account", "admin")))
                .expect(200)
                .json();

        JsonNode delegates = explained.get("steps").get(0).get("delegates");
        assertThat(delegates.size()).isOne();
        assertThat(delegates.get(0).get("delegate").asString()).isEqualTo(sam.name());
        assertThat(delegates.get(0).get("onBehalfOf").asString()).isEqualTo(lisa.name());
    }

    @Test
    void theDelegatorAndTheDelegateCountOnce() {
        delegate(lisa, sam, Map.of()).expect(201);
        String resource2 = org.resource();
        org.policy(resource2, List.of(step("Leads", 2, lisa, tom)));
        String id = org.request(dev, resource2).get("id").asString();

        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertThat(awaiting(sam)).doesNotContain(id);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(409);
    }

    @Test
    void anEndedDelegationNoLongerLetsTheDelegateDecideOrSee() {
        String delegation =
                delegate(lisa, sam, Map.of()).expect(201).json().get("id").asString();
        String id = request();

        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204);

        assertThat(awaiting(sam)).doesNotContain(id);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(404);
        JsonNode listed = api.as(lisa.token())
                .get("/api/v1/users/" + lisa.name() + "/delegations")
                .expect(200)
                .json();
        assertThat(listed.get(0).get("endedAt").isNull()).isFalse();
    }

    @Test
    void aDelegationEndsWithItsUntilWithoutATimer() {
        delegate(
                        lisa,
                        sam,
                        Map.of(
                                "until",
                                clock.instant().plus(Duration.ofHours(1)).toString()))
                .expect(201);
        String id = request();
        assertThat(awaiting(sam)).contains(id);

        clock.advance(Duration.ofHours(1));

        assertThat(awaiting(sam)).doesNotContain(id);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(404);
    }

    @Test
    void aDelegationForOtherResourcesDoesNotApply() {
        delegate(lisa, sam, Map.of("resources", List.of("staging-*"))).expect(201);
        String id = request();

        assertThat(awaiting(sam)).doesNotContain(id);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(404);
    }

    @Test
    void aDelegationThatStartsLaterIsScheduledAndThenJoinsTheOpenSteps() {
        Instant from = clock.instant().plus(Duration.ofHours(2));
        String delegation = delegate(lisa, sam, Map.of("from", from.toString()))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String id = request();
        assertThat(awaiting(sam)).doesNotContain(id);
        assertThat(scheduler.getScheduledExecutionsForTask(DelegationStarts.TASK).stream()
                        .filter(e -> e.getTaskInstance().getId().equals(delegation))
                        .map(ScheduledExecution::getExecutionTime))
                .containsExactly(from);

        clock.set(from);
        starts.start(delegation);

        assertThat(awaiting(sam)).contains(id);
        assertThat(audit(id, "request.delegate_joined"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("note").asString())
                        .contains("also waits on " + sam.name() + " on behalf of " + lisa.name()));
    }

    @Test
    void loopsSelfDelegationUnknownDelegatesAndBadGlobsAreRefused() {
        delegate(lisa, sam, Map.of()).expect(201);
        Api.Response loop = delegate(sam, lisa, Map.of()).expect(400);
        assertThat(loop.body()).contains("\"cycle\"");
        assertThat(delegate(lisa, lisa, Map.of()).expect(400).body()).contains("\"self\"");
        assertThat(api.as(lisa.token())
                        .post(
                                "/api/v1/users/" + lisa.name() + "/delegations",
                                Api.json(Map.of("delegate", "nobody-" + lisa.name(), "resources", List.of("[x"))))
                        .expect(400)
                        .body())
                .contains("unknown_user")
                .contains("\"until\"")
                .contains("resources[0]");
    }

    @Test
    void delegationsSentTogetherNeverFormALoop() throws Exception {
        List<Integer> answers;
        try (Race race = new Race(2)) {
            answers = race.run(List.of(
                    () -> delegate(lisa, sam, Map.of()).status(),
                    () -> delegate(sam, lisa, Map.of()).status()));
        }

        assertThat(answers).containsExactlyInAnyOrder(201, 400);
    }

    @Test
    void aSecondDelegationToTheSamePersonForAnOverlappingPeriodIsAConflict() {
        delegate(lisa, tom, Map.of()).expect(201);

        Api.Response again = delegate(lisa, tom, Map.of()).expect(409);
        Api.Response later = delegate(
                        lisa,
                        tom,
                        Map.of("from", clock.instant().plus(Duration.ofDays(1)).toString()))
                .expect(409);

        assertThat(again.json().get("detail").asString()).contains("already delegates to '" + tom.name() + "'");
        assertThat(later.status()).isEqualTo(409);
        assertThat(api.as(lisa.token())
                        .get("/api/v1/users/" + lisa.name() + "/delegations")
                        .json())
                .hasSize(1);
        delegate(
                        lisa,
                        tom,
                        Map.of(
                                "from",
                                clock.instant().plus(Duration.ofDays(4)).toString(),
                                "until",
                                clock.instant().plus(Duration.ofDays(5)).toString()))
                .expect(201);
    }

    @Test
    void aDelegateNamedWithControlCharactersIsRefusedAsUnknown() {
        // PostgreSQL refuses a NUL in a text parameter: the name must be refused before any lookup
        for (String delegate : List.of(sam.name() + "\u0000", "\u0000", sam.name() + "\u001b[2J")) {
            assertThat(api.as(lisa.token())
                            .post(
                                    "/api/v1/users/" + lisa.name() + "/delegations",
                                    Api.json(Map.of("delegate", delegate, "until", "2099-01-01T00:00:00Z")))
                            .expect(400)
                            .body())
                    .contains("unknown_user");
        }
        assertThat(api.as(lisa.token())
                        .get("/api/v1/users/" + lisa.name() + "/delegations")
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void onlyTheUserOrAnAdministratorManagesTheirDelegations() {
        String delegation =
                delegate(lisa, sam, Map.of()).expect(201).json().get("id").asString();

        api.as(tom.token()).get("/api/v1/users/" + lisa.name() + "/delegations").expect(404);
        api.as(tom.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(404);
        // whatever the caller's role: someone else's delegations are not theirs to see, as tokens and
        // subscriptions are not
        for (String role : List.of("AUDITOR", "ENFORCER")) {
            Person other = org.person(role.toLowerCase(), role);
            api.as(other.token())
                    .get("/api/v1/users/" + lisa.name() + "/delegations")
                    .expect(404);
            api.as(other.token())
                    .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                    .expect(404);
            api.as(other.token())
                    .get("/api/v1/users/" + other.name() + "/delegations")
                    .expect(200);
        }
        api.asAdmin()
                .post(
                        "/api/v1/users/" + tom.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                sam.name(),
                                "until",
                                clock.instant().plusSeconds(3600).toString())))
                .expect(201);
        api.asAdmin()
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204);
    }

    @Test
    void deactivatingTheDelegateEndsTheDelegation() {
        delegate(lisa, sam, Map.of()).expect(201);
        String id = request();

        api.asAdmin()
                .put(
                        "/api/v1/users/" + sam.name(),
                        Api.json(Map.of("email", sam.name() + "@example.com", "role", "USER", "active", false)))
                .expect(200);

        JsonNode listed = api.as(lisa.token())
                .get("/api/v1/users/" + lisa.name() + "/delegations")
                .expect(200)
                .json();
        assertThat(listed.get(0).get("endedAt").isNull()).isFalse();
        assertThat(api.as(dev.token())
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void aDelegatorGivenARoleThatCannotApproveLosesTheirPlaceAndTheirDelegate() {
        delegate(lisa, sam, Map.of()).expect(201);
        String id = request();
        assertThat(awaiting(sam)).contains(id);

        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("email", lisa.name() + "@example.com", "role", "AUDITOR")))
                .expect(200);

        assertThat(awaiting(sam)).doesNotContain(id);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(404);
        JsonNode listed = api.asAdmin()
                .get("/api/v1/users/" + lisa.name() + "/delegations")
                .expect(200)
                .json();
        assertThat(listed.get(0).get("endedAt").isNull()).isFalse();
        JsonNode request =
                api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
        assertThat(request.get("status").asString()).as("tom still approves").isEqualTo("PENDING");
        assertThat(request.toString()).doesNotContain("\"" + lisa.name() + "\"");
    }

    @Test
    void onlyAnActiveApproverDelegatesAndNotIntoThePast() {
        var backdated = delegate(
                lisa,
                sam,
                Map.of("from", clock.instant().minus(Duration.ofDays(400)).toString()));
        assertThat(backdated.expect(400).json().get("errors").get(0).get("code").asString())
                .isEqualTo("in_the_past");

        Person auditor = org.person("auditor", "AUDITOR");
        api.asAdmin()
                .post(
                        "/api/v1/users/" + auditor.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate", sam.name(),
                                "until",
                                        clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(409);
        api.asAdmin()
                .put(
                        "/api/v1/users/" + tom.name(),
                        Api.json(Map.of("email", tom.name() + "@example.com", "role", "USER", "active", false)))
                .expect(200);
        api.asAdmin()
                .post(
                        "/api/v1/users/" + tom.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate", sam.name(),
                                "until",
                                        clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(409);
    }
}
