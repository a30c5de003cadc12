package io.countersign.request;

import static io.countersign.request.Plans.plan;
import static io.countersign.request.Plans.step;
import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.open;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.AuditableEvent;
import io.countersign.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An approver may allow less time than was asked (the fixtures ask for two hours). */
class AccessRequestPartialApprovalTests {

    private static final Instant AT = CREATED.plusSeconds(120);

    @Test
    void anApprovalForLessGrantsWhatTheApproverAllowed() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        request.approve(person("lisa"), "lisa", "an hour is enough", Duration.ofHours(1), AT, null);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.grantedDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(request.decisions().get(0).allowed()).isEqualTo(Duration.ofHours(1));
        var events = request.pullEvents();
        ApprovalRecorded recorded = (ApprovalRecorded) events.get(0);
        assertThat(recorded.note()).contains("allowed PT1H of the PT2H requested");
        RequestApproved approved = (RequestApproved) events.get(1);
        assertThat(approved.grantedDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(approved.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(approved.note()).contains("granted PT1H of the PT2H requested");
    }

    @Test
    void theShortestDurationAnyApproverAllowedWinsAcrossApproversAndSteps() {
        AccessRequest request = open(plan(step("Leads", 2, "lisa", "tom"), step("Security", 1, "carol")));

        request.approve(person("lisa"), "lisa", null, Duration.ofMinutes(30), AT, null);
        request.approve(person("tom"), "tom", null, Duration.ofMinutes(90), AT, null);
        request.approve(person("carol"), "carol", null, null, AT, null);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.grantedDuration()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anApprovalWithoutADurationGrantsWhatWasAsked() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        request.approve(person("lisa"), "lisa", null, AT);

        assertThat(request.grantedDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(request.decisions().get(0).allowed()).isNull();
        assertThat(request.pullEvents())
                .extracting(AuditableEvent::note)
                .noneMatch(note -> note.contains("granted") || note.contains("allowed"));
    }

    @Test
    void allowingExactlyWhatWasAskedIsNoPartialApproval() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        request.approve(person("lisa"), "lisa", null, Duration.ofHours(2), AT, null);

        assertThat(request.decisions().get(0).allowed()).isNull();
        assertThat(request.grantedDuration()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void allowingMoreThanWasAskedIsRefusedAndChangesNothing() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        assertThatThrownBy(() -> request.approve(person("lisa"), "lisa", null, Duration.ofHours(3), AT, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("duration");

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.decisions()).isEmpty();
        assertThat(request.pullEvents()).isEmpty();
    }

    @Test
    void aZeroOrNegativeDurationIsRefused() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        assertThatThrownBy(() -> request.approve(person("lisa"), "lisa", null, Duration.ZERO, AT, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> request.approve(person("lisa"), "lisa", null, Duration.ofMinutes(-5), AT, null))
                .isInstanceOf(InvalidInputException.class);
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void aRejectionAfterAPartialApprovalStillRejects() {
        AccessRequest request = open(plan(step("Leads", 2, "lisa", "tom")));

        request.approve(person("lisa"), "lisa", null, Duration.ofMinutes(30), AT, null);
        request.reject(person("tom"), "tom", "no", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
    }
}
