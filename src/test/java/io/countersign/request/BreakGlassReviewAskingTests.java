package io.countersign.request;

import static io.countersign.request.RequestFixtures.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which delegates are asked to review a break-glass use besides its reviewers, without Spring. */
class BreakGlassReviewAskingTests {

    private static final Instant DUE = CREATED.plus(Duration.ofDays(1));
    private static final Participant DEV = new Participant("id-dev", "dev");
    private static final Participant RITA = new Participant("id-rita", "rita");
    private static final Participant ROSA = new Participant("id-rosa", "rosa");
    private static final Participant SAM = new Participant("id-sam", "sam");
    private static final Participant UNA = new Participant("id-una", "una");

    private static BreakGlassReview review(BreakGlassReviewStatus status) {
        return new BreakGlassReview(
                "req-1",
                DEV.username(),
                DEV.id(),
                "prod-postgresql",
                "rw-admin",
                "prod-db",
                "grt-1",
                CREATED,
                List.of(RITA, ROSA),
                List.of(),
                DUE,
                status,
                null,
                null,
                null,
                null,
                false);
    }

    private static Delegation delegation(String id, Participant from, Participant to, String... resources) {
        return new Delegation(
                id,
                from,
                to,
                CREATED.minus(Duration.ofDays(1)),
                DUE.plus(Duration.ofDays(9)),
                List.of(resources),
                null);
    }

    @Test
    void eachDelegateWhoMayReviewIsAskedOnceForTheFirstReviewerTheyStandInFor() {
        Delegation ritaToSam = delegation("dlg-1", RITA, SAM);
        Delegation rosaToSam = delegation("dlg-2", ROSA, SAM);
        Delegation ritaToRosa = delegation("dlg-3", RITA, ROSA);
        Delegation ritaToDev = delegation("dlg-4", RITA, DEV);
        Delegation rosaToUna = delegation("dlg-5", ROSA, UNA, "staging-*");

        List<Delegation> asked = BreakGlassReviewRules.delegatesToAsk(
                review(BreakGlassReviewStatus.PENDING),
                List.of(rosaToSam, ritaToSam, ritaToRosa, ritaToDev, rosaToUna),
                CREATED);

        assertThat(asked).containsExactly(ritaToSam);
    }

    @Test
    void aDelegationNotInForceAsksNobody() {
        Delegation later = new Delegation("dlg-1", RITA, SAM, CREATED.plusSeconds(60), DUE, List.of(), null);

        assertThat(BreakGlassReviewRules.delegatesToAsk(
                        review(BreakGlassReviewStatus.PENDING), List.of(later), CREATED))
                .isEmpty();
    }

    @Test
    void aDelegationThatStartsLetsItsDelegateReviewWhatIsStillUnreviewed() {
        Delegation started = delegation("dlg-1", RITA, SAM);

        assertThat(BreakGlassReviewRules.newlyLetsReview(
                        review(BreakGlassReviewStatus.PENDING), started, List.of(started), CREATED))
                .isTrue();
        assertThat(BreakGlassReviewRules.newlyLetsReview(
                        review(BreakGlassReviewStatus.OVERDUE), started, List.of(started), DUE))
                .isTrue();
        assertThat(BreakGlassReviewRules.newlyLetsReview(
                        review(BreakGlassReviewStatus.REVIEWED), started, List.of(started), CREATED))
                .isFalse();
    }

    @Test
    void aDelegationThatStartsAsksNobodyWhoCouldReviewAlreadyOrNeverMay() {
        Delegation started = delegation("dlg-1", RITA, SAM);
        Delegation already = delegation("dlg-2", ROSA, SAM);
        BreakGlassReview pending = review(BreakGlassReviewStatus.PENDING);

        assertThat(BreakGlassReviewRules.newlyLetsReview(pending, started, List.of(started, already), CREATED))
                .isFalse();
        assertThat(BreakGlassReviewRules.newlyLetsReview(pending, delegation("dlg-3", RITA, ROSA), List.of(), CREATED))
                .isFalse();
        assertThat(BreakGlassReviewRules.newlyLetsReview(pending, delegation("dlg-4", RITA, DEV), List.of(), CREATED))
                .isFalse();
        assertThat(BreakGlassReviewRules.newlyLetsReview(
                        pending, delegation("dlg-5", RITA, UNA, "staging-*"), List.of(), CREATED))
                .isFalse();
    }

    @Test
    void aDelegateOfTwoReviewersReviewsForTheOneTheyWereAskedForWhateverOrderTheirDelegationsComeIn() {
        Delegation rosaToSam = delegation("dlg-1", ROSA, SAM);
        Delegation ritaToSam = delegation("dlg-2", RITA, SAM);
        BreakGlassReview pending = review(BreakGlassReviewStatus.PENDING);
        Actor sam = new Actor(SAM.username(), Role.USER, Channel.API, null);

        for (List<Delegation> theirs : List.of(List.of(rosaToSam, ritaToSam), List.of(ritaToSam, rosaToSam))) {
            assertThat(BreakGlassReviewRules.delegatesToAsk(pending, theirs, CREATED))
                    .singleElement()
                    .satisfies(asked -> assertThat(asked.delegator()).isEqualTo(RITA));
            assertThat(BreakGlassReviewRules.review(pending, sam, SAM.id(), theirs, null, CREATED)
                            .review()
                            .onBehalfOf())
                    .isEqualTo(RITA);
        }
    }
}
