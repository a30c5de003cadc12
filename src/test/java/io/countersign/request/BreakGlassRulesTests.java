package io.countersign.request;

import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.REQUESTER;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.BreakGlassPlan;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The break-glass rules and how a break-glass request opens, without Spring. */
class BreakGlassRulesTests {

    private static ApprovalPlan allowing(Duration max, String... notified) {
        return withBlock(new BreakGlassPlan(max, List.of(notified)));
    }

    private static ApprovalPlan withBlock(BreakGlassPlan block) {
        ApprovalPlan plain = Plans.plan(Plans.step("Leads", 1, "lisa"));
        return new ApprovalPlan(
                plain.policyName(),
                plain.priority(),
                plain.reasons(),
                plain.limits(),
                plain.allowSelfApproval(),
                plain.distinctApproversAcrossSteps(),
                null,
                plain.steps(),
                List.of(),
                block);
    }

    private static RequestInput input(Duration duration, String justification) {
        return new RequestInput("prod-postgresql", "rw-admin", duration, justification, null, null, null, true);
    }

    private static void check(RequestInput input, ApprovalPlan plan) {
        BreakGlassRules.check(new Problems(), input, plan);
    }

    @Test
    void aPolicyWithoutTheBlockRefusesBreakGlass() {
        assertThatThrownBy(() -> check(input(null, "outage"), Plans.plan(Plans.step("Leads", 1, "lisa"))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(i -> i.field(), i -> i.code())
                                .containsExactly(tuple("breakGlass", "not_allowed")))
                .hasMessageContaining("allows no break-glass access");
    }

    @Test
    void aLongerDurationThanTheEmergencyMaximumIsAProblem() {
        assertThatThrownBy(() -> check(input(Duration.ofHours(3), "outage"), allowing(Duration.ofHours(2))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(i -> i.field(), i -> i.code())
                                .containsExactly(tuple("duration", "above_maximum")));
        check(input(Duration.ofHours(2), "outage"), allowing(Duration.ofHours(2)));
    }

    @Test
    void aJustificationIsMandatoryAndAccessStartsAtOnce() {
        RequestInput later = new RequestInput(
                "prod-postgresql", "rw-admin", null, "  ", null, CREATED.plusSeconds(3600), null, true);

        assertThatThrownBy(() -> check(later, allowing(Duration.ofHours(2))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(i -> i.field(), i -> i.code())
                                .containsExactly(tuple("justification", "required"), tuple("startsAt", "not_allowed")));
    }

    @Test
    void aReviewedUseWithoutAnActiveReviewerListsTheInputsProblemsFirst() {
        ApprovalPlan unreviewable =
                withBlock(new BreakGlassPlan(Duration.ofHours(1), List.of(), List.of(), Duration.ofDays(1)));

        assertThatThrownBy(() -> check(input(Duration.ofHours(2), null), unreviewable))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(i -> i.field(), i -> i.code())
                                .containsExactly(
                                        tuple("justification", "required"), tuple("duration", "above_maximum")));
        assertThatThrownBy(() -> check(input(Duration.ofHours(1), "outage"), unreviewable))
                .isInstanceOfSatisfying(
                        RefusedException.class, e -> assertThat(e.reason()).isEqualTo("no_reviewer"))
                .hasMessageContaining("no active reviewer other than the requester");
    }

    @Test
    void withoutADurationTheDefaultIsCappedAtTheEmergencyMaximum() {
        // the plans' default duration is one hour
        assertThat(BreakGlassRules.duration(input(null, "x"), allowing(Duration.ofMinutes(30))))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(BreakGlassRules.duration(input(null, "x"), allowing(Duration.ofHours(2))))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBreakGlassRequestIsApprovedAtOnceWithoutStepsAndNamesWhoIsTold() {
        RequestDetails details = new RequestDetails(
                "req-glass001",
                REQUESTER,
                "prod-postgresql",
                "rw-admin",
                Duration.ofHours(1),
                null,
                "database down",
                null,
                "prod-db",
                REQUESTER,
                CREATED,
                CREATED.plus(Duration.ofHours(24)),
                REQUESTER,
                REQUESTER,
                null,
                null,
                true);

        AccessRequest request = BreakGlassOpening.open(
                details, allowing(Duration.ofHours(2), "carol", "sam"), person(REQUESTER), name -> "id-" + name);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.steps()).isEmpty();
        assertThat(request.decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.approver()).isEqualTo(Decision.SYSTEM_APPROVER));
        List<AuditableEvent> events = request.pullEvents();
        assertThat(events)
                .extracting(AuditableEvent::action)
                .containsExactly("request.created", "request.approved", "breakglass.used");
        BreakGlassUsed used = (BreakGlassUsed) events.get(2);
        assertThat(used.notified())
                .containsExactly(new Participant("id-carol", "carol"), new Participant("id-sam", "sam"));
        assertThat(used.justification()).isEqualTo("database down");
        assertThat(used.note()).contains("telling carol, sam");
    }
}
