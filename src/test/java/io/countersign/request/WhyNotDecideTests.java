package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.Organisation.Person;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the request page says when it offers no Approve button, and when it still offers Reject. */
@CountersignTest
class WhyNotDecideTests {

    @Autowired
    Api api;

    @Autowired
    Requests requests;

    @Autowired
    MutableClock clock;

    @Autowired
    RequestTimers timers;

    Organisation org;

    @BeforeEach
    void organisation() {
        org = new Organisation(api);
    }

    private Optional<Reason> whyNot(Person person, String id) {
        Actor actor = new Actor(person.name(), Role.USER, Channel.WEB, null);
        return requests.whyNotDecide(actor, requests.get(Actor.system(), id));
    }

    @Test
    void anEligibleApproverMayDecideAndEveryoneElseLearnsWhyNot() {
        Person requester = org.person("dev");
        Person first = org.person("lisa");
        Person second = org.person("sam");
        Person later = org.person("carol");
        String id = org.pendingRequest(
                requester,
                List.of(Organisation.step("Lead", 2, first, second), Organisation.step("Security", 1, later)));

        assertThat(whyNot(first, id)).isEmpty();
        assertThat(whyNot(requester, id)).contains(Reason.OWN_REQUEST);
        assertThat(whyNot(later, id)).contains(Reason.NOT_ELIGIBLE);

        api.as(first.token()).post("/api/v1/requests/" + id + "/approve", "{}").expect(200);
        assertThat(whyNot(first, id)).contains(Reason.ALREADY_DECIDED);

        api.as(second.token())
                .post("/api/v1/requests/" + id + "/reject", "{\"comment\":\"no\"}")
                .expect(200);
        assertThat(whyNot(later, id)).contains(Reason.NOT_PENDING);
    }

    private Optional<Reason> whyNotReject(Person person, String id) {
        Actor actor = new Actor(person.name(), Role.USER, Channel.WEB, null);
        return requests.whyNotReject(actor, requests.get(Actor.system(), id));
    }

    @Test
    void distinctApproversKeepAnApproverFromApprovingTwiceNeverFromRejecting() {
        Person requester = org.person("dev");
        Person lisa = org.person("lisa");
        Person carol = org.person("carol");
        String stranding = org.pendingRequest(
                requester, List.of(Organisation.step("Lead", 1, lisa, carol), Organisation.step("Owner", 1, lisa)));
        String twice = org.pendingRequest(
                requester, List.of(Organisation.step("Lead", 1, lisa), Organisation.step("Owner", 1, lisa, carol)));
        String movedOn = org.pendingRequest(
                requester, List.of(Organisation.step("Lead", 1, lisa), Organisation.step("Owner", 1, carol)));
        api.as(lisa.token())
                .post("/api/v1/requests/" + twice + "/approve", "{}")
                .expect(200);
        api.as(lisa.token())
                .post("/api/v1/requests/" + movedOn + "/approve", "{}")
                .expect(200);

        assertThat(whyNot(lisa, stranding)).contains(Reason.LATER_STEP_WITHOUT_APPROVER);
        assertThat(whyNotReject(lisa, stranding)).isEmpty();
        assertThat(whyNot(lisa, twice)).contains(Reason.APPROVED_EARLIER_STEP);
        assertThat(whyNotReject(lisa, twice)).isEmpty();
        assertThat(whyNot(lisa, movedOn)).contains(Reason.APPROVED_EARLIER_STEP);
        assertThat(whyNotReject(lisa, movedOn)).contains(Reason.NOT_ELIGIBLE);
        assertThat(whyNotReject(requester, twice)).contains(Reason.OWN_REQUEST);

        api.as(lisa.token())
                .post("/api/v1/requests/" + twice + "/reject", "{\"comment\":\"no\"}")
                .expect(200);
        assertThat(whyNotReject(carol, twice)).contains(Reason.NOT_PENDING);
    }

    @Test
    void aStepPastItsDeadlineHasTimedOutBeforeTheTimerRuns() {
        Person requester = org.person("dev");
        Person approver = org.person("lisa");
        String id = org.pendingRequest(requester, List.of(Organisation.timedStep("Lead", approver, "PT30M", "REJECT")));
        assertThat(whyNot(approver, id)).isEmpty();
        clock.advance(Duration.ofMinutes(31));
        assertThat(whyNot(approver, id)).contains(Reason.EXPIRED);
    }

    @Test
    void aStepTheTimersRejectedHasTimedOutAsBeforeTheyRan() {
        Person requester = org.person("dev");
        Person approver = org.person("lisa");
        String id = org.pendingRequest(requester, List.of(Organisation.timedStep("Lead", approver, "PT30M", "REJECT")));
        clock.advance(Duration.ofMinutes(31));
        timers.sweep();
        assertThat(whyNot(approver, id)).contains(Reason.EXPIRED);
    }
}
