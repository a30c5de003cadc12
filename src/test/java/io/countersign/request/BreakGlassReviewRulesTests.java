package io.countersign.request;

import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.policy.BreakGlassPlan;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may review a break-glass use, and what its deadline does, without Spring. */
class BreakGlassReviewRulesTests {

    private static final Instant DUE = CREATED.plus(Duration.ofDays(1));
    private static final Participant DEV = new Participant("id-dev", "dev");
    private static final Participant RITA = new Participant("id-rita", "rita");
    private static final Participant CAROL = new Participant("id-carol", "carol");

    private static BreakGlassReview pending() {
        return pending(List.of(RITA), List.of(CAROL));
    }

    /** A use awaiting review by {@code reviewers}, told also to {@code notified}. */
    private static BreakGlassReview pending(List<Participant> reviewers, List<Participant> notified) {
        return new BreakGlassReview(
                "req-1",
                DEV.username(),
                DEV.id(),
                "prod-postgresql",
                "rw-admin",
                "prod-db",
                "grt-1",
                CREATED,
                reviewers,
                notified,
                DUE,
                BreakGlassReviewStatus.PENDING,
                null,
                null,
                null,
                null,
                false);
    }

    private static BreakGlassReview review(BreakGlassReview review, Participant who, Instant at) {
        return review(review, person(who.username()), who, List.of(), at);
    }

    private static BreakGlassReview review(
            BreakGlassReview review, Actor actor, Participant who, List<Delegation> mine, Instant at) {
        return BreakGlassReviewRules.review(review, actor, who.id(), mine, "looked fine", at)
                .review();
    }

    private static Delegation delegation(Participant from, Participant to, String... resources) {
        return new Delegation(
                "dlg-1",
                from,
                to,
                CREATED.minus(Duration.ofDays(1)),
                DUE.plus(Duration.ofDays(9)),
                List.of(resources),
                null);
    }

    @Test
    void aReviewerAcknowledgesTheUseInTime() {
        BreakGlassReview done = review(pending(), RITA, DUE.minusSeconds(1));

        assertThat(done.status()).isEqualTo(BreakGlassReviewStatus.REVIEWED);
        assertThat(done.reviewedBy()).isEqualTo(RITA);
        assertThat(done.reviewedAt()).isEqualTo(DUE.minusSeconds(1));
        assertThat(done.comment()).isEqualTo("looked fine");
        assertThat(done.late()).isFalse();
        assertThat(done.onBehalfOf()).isNull();
    }

    @Test
    void aReviewAtOrAfterTheDeadlineIsRecordedAndMarkedLate() {
        BreakGlassReview overdue = BreakGlassReviewRules.overdue(pending(), DUE).orElseThrow();

        BreakGlassReview done = review(overdue, RITA, DUE.plus(Duration.ofHours(3)));

        assertThat(done.status()).isEqualTo(BreakGlassReviewStatus.REVIEWED);
        assertThat(done.late()).isTrue();
        assertThat(new BreakGlassReviewed(person("rita"), done).note()).contains("late");
    }

    @Test
    void theRequesterNeverReviewsTheirOwnUseEvenWhenListed() {
        BreakGlassReview listed = new BreakGlassReview(
                "req-1",
                "dev",
                DEV.id(),
                "prod-postgresql",
                "rw-admin",
                "prod-db",
                "grt-1",
                CREATED,
                List.of(RITA, DEV),
                List.of(),
                DUE,
                BreakGlassReviewStatus.PENDING,
                null,
                null,
                null,
                null,
                false);

        assertThatThrownBy(() -> review(listed, DEV, CREATED))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("own");
    }

    @Test
    void someoneNotAmongTheReviewersMayNotReview() {
        assertThatThrownBy(() -> review(pending(), CAROL, CREATED))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("rita");
    }

    @Test
    void someoneNotAmongTheReviewersIsToldWhoTheyAreInWords() {
        BreakGlassReview twoReviewers =
                pending(List.of(new Participant("id-rosa", "rosa"), new Participant("id-sam", "sam")), List.of());

        assertThatThrownBy(() -> review(twoReviewers, CAROL, CREATED))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("You are not among the reviewers of this break-glass access: rosa and sam.");
    }

    @Test
    void onlyUsersAndAdministratorsReview() {
        Actor auditor = new Actor("rita", Role.AUDITOR, Channel.API, null);
        Actor enforcer = new Actor("rita", Role.ENFORCER, Channel.API, null);

        assertThatThrownBy(() -> review(pending(), auditor, RITA, List.of(), CREATED))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> review(pending(), enforcer, RITA, List.of(), CREATED))
                .isInstanceOf(ForbiddenException.class);
        assertThat(review(pending(), new Actor("rita", Role.ADMIN, Channel.API, null), RITA, List.of(), CREATED)
                        .status())
                .isEqualTo(BreakGlassReviewStatus.REVIEWED);
    }

    @Test
    void aUseIsReviewedOnce() {
        BreakGlassReview done = review(pending(), RITA, CREATED);

        assertThatThrownBy(() -> review(done, RITA, CREATED.plusSeconds(5)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("This break-glass access was already reviewed by rita at 2030-01-01 09:00 UTC.");
    }

    @Test
    void aDelegateInForceOfAReviewerReviewsOnTheirBehalf() {
        Delegation toCarol = delegation(RITA, CAROL, "prod-*");

        BreakGlassReview done = review(pending(), person("carol"), CAROL, List.of(toCarol), CREATED);

        assertThat(done.reviewedBy()).isEqualTo(CAROL);
        assertThat(done.onBehalfOf()).isEqualTo(RITA);
    }

    @Test
    void aDelegationForOtherResourcesOrFromSomeoneElseLetsNobodyReview() {
        Delegation otherResources = delegation(RITA, CAROL, "staging-*");
        Delegation fromTheRequester = delegation(DEV, CAROL);

        assertThatThrownBy(() -> review(pending(), person("carol"), CAROL, List.of(otherResources), CREATED))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> review(pending(), person("carol"), CAROL, List.of(fromTheRequester), CREATED))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theRequesterCannotReviewAsADelegateOfAReviewer() {
        Delegation toDev = delegation(RITA, DEV);

        assertThatThrownBy(() -> review(pending(), person("dev"), DEV, List.of(toDev), CREATED))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aPendingReviewGoesOverdueAtItsDeadlineAndNotBefore() {
        assertThat(BreakGlassReviewRules.overdue(pending(), DUE.minusNanos(1000)))
                .isEmpty();

        assertThat(BreakGlassReviewRules.overdue(pending(), DUE))
                .get()
                .extracting(BreakGlassReview::status)
                .isEqualTo(BreakGlassReviewStatus.OVERDUE);
    }

    @Test
    void aReviewedOrOverdueReviewDoesNotGoOverdueAgain() {
        BreakGlassReview done = review(pending(), RITA, CREATED);
        BreakGlassReview overdue = BreakGlassReviewRules.overdue(pending(), DUE).orElseThrow();

        assertThat(BreakGlassReviewRules.overdue(done, DUE.plusSeconds(60))).isEmpty();
        assertThat(BreakGlassReviewRules.overdue(overdue, DUE.plusSeconds(60))).isEmpty();
    }

    @Test
    void aUseIsDueForReviewItsWindowAfterItWasTakenByTheResolvedReviewers() {
        RequestDetails details = new RequestDetails(
                "req-1",
                "dev",
                "prod-postgresql",
                "rw-admin",
                Duration.ofHours(1),
                null,
                "db down",
                null,
                "prod-db",
                "dev",
                CREATED,
                CREATED.plus(Duration.ofHours(24)),
                DEV.id(),
                DEV.id(),
                null,
                null,
                true);
        BreakGlassPlan plan =
                new BreakGlassPlan(Duration.ofHours(2), List.of("carol"), List.of("rita", "gone"), Duration.ofHours(8));

        BreakGlassUsed used = BreakGlassUsed.of(
                person("dev"), details, "grt-1", "prod-db", plan, name -> name.equals("gone") ? null : "id-" + name);

        assertThat(used.reviewDueAt()).isEqualTo(CREATED.plus(Duration.ofHours(8)));
        assertThat(used.reviewers()).containsExactly(RITA);
        assertThat(used.note()).contains("to be reviewed by " + used.reviewDueAt() + " by one of rita");
        assertThat(BreakGlassReview.opened(used, CREATED).status()).isEqualTo(BreakGlassReviewStatus.PENDING);
    }

    @Test
    void aUseUnderABlockStoredBeforeReviewsOpensNone() {
        RequestDetails details = new RequestDetails(
                "req-1",
                "dev",
                "prod-postgresql",
                "rw-admin",
                Duration.ofHours(1),
                null,
                "db down",
                null,
                "prod-db",
                "dev",
                CREATED,
                CREATED.plus(Duration.ofHours(24)),
                DEV.id(),
                DEV.id(),
                null,
                null,
                true);

        BreakGlassUsed used = BreakGlassUsed.of(
                person("dev"),
                details,
                "grt-1",
                "prod-db",
                new BreakGlassPlan(Duration.ofHours(2), List.of("carol")),
                n -> "id-" + n);

        assertThat(used.reviewDueAt()).isNull();
        assertThat(used.reviewers()).isEmpty();
        assertThat(used.note()).doesNotContain("review");
    }
}
