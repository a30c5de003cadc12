package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A delegation starts and ends on time by itself, and ends when the delegate or the delegator can no
 * longer approve.
 */
@CountersignTest
class DelegationLifetimeTests extends DelegationTestBase {

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    DelegationStarts starts;

    @Autowired
    DelegationEnds ends;

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
    void aDelegationThatReachesItsUntilIsRecordedAsEndedByItsTimer() {
        Instant until = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String delegation = delegate(lisa, sam, Map.of("until", until.toString()))
                .expect(201)
                .json()
                .get("id")
                .asString();
        assertThat(scheduler.getScheduledExecutionsForTask(DelegationEnds.TASK).stream()
                        .filter(e -> e.getTaskInstance().getId().equals(delegation))
                        .map(ScheduledExecution::getExecutionTime))
                .containsExactly(until);

        clock.advance(Duration.ofHours(1));
        ends.end(delegation);
        ends.end(delegation);

        JsonNode listed = api.as(lisa.token())
                .get("/api/v1/users/" + lisa.name() + "/delegations")
                .expect(200)
                .json();
        assertThat(listed.get(0).get("endedAt").asString()).isEqualTo(until.toString());
        assertThat(delegationEnded())
                .singleElement()
                .satisfies(e -> assertThat(e.get("reason").asString()).isEqualTo("it reached its end"))
                .satisfies(e -> assertThat(e.get("note").asString()).contains(delegation));
    }

    @Test
    void endingADelegationThatReachedItsUntilIsAConflictAndRecordsItsEnd() {
        Instant until = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String delegation = delegate(lisa, sam, Map.of("until", until.toString()))
                .expect(201)
                .json()
                .get("id")
                .asString();
        clock.advance(Duration.ofHours(2));

        JsonNode problem = api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(409)
                .json();

        assertThat(problem.get("detail").asString()).contains("already ended at " + until);
        assertThat(delegationEnded()).singleElement();
        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(409);
        assertThat(delegationEnded()).singleElement();
    }

    @Test
    void endingADelegationTwiceIsAConflict() {
        String delegation =
                delegate(lisa, sam, Map.of()).expect(201).json().get("id").asString();
        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204);

        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(409);
    }

    /** The audit's delegation.ended rows of lisa's delegations. */
    private List<JsonNode> delegationEnded() {
        return api.asAdmin()
                .get("/api/v1/audit?action=delegation.ended&limit=100")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(i -> i.get("target").asString().equals("user:" + lisa.name()))
                .toList();
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
    void aDelegationToSomeoneWhoDecidesTheStepInTheirOwnRightJoinsNothing() {
        String eitherOfThem = request();
        String bothOfThem = org.pendingRequest(dev, List.of(Organisation.step("Pair", 2, lisa, tom)));
        String lisaAlone = org.pendingRequest(dev, List.of(Organisation.step("Lisa", 1, lisa)));

        delegate(lisa, tom, Map.of()).expect(201);

        // tom decides the first two as himself, never for lisa: nothing to tell him again
        assertThat(audit(eitherOfThem, "request.delegate_joined")).isEmpty();
        assertThat(audit(bothOfThem, "request.delegate_joined")).isEmpty();
        assertThat(audit(lisaAlone, "request.delegate_joined"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("note").asString())
                        .contains("also waits on " + tom.name() + " on behalf of " + lisa.name()));
    }

    @Test
    void deactivatingTheDelegateEndsTheDelegation() {
        delegate(lisa, sam, Map.of()).expect(201);
        String id = request();

        api.deactivate(sam.name());

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
}
