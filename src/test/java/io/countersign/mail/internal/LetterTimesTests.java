package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.ApprovalNotice;
import io.countersign.mail.BreakGlassNotice;
import io.countersign.mail.GrantEndingNotice;
import io.countersign.mail.OutcomeNotice;
import io.countersign.mail.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every letter writes its times and durations as the pages and chat do ({@code 2026-12-07 00:16 UTC
 * (in 3 hours)}, {@code 1 hour 30 minutes}), in its text and its HTML alike, so that an approver reads
 * one style wherever they are asked.
 */
class LetterTimesTests {

    private static final Instant NOW = Instant.parse("2026-12-06T21:16:20Z");
    private static final Letterhead HEAD =
            new Letterhead("Acme PAM", "https://countersign.example.com", false, List.of(), NOW);
    private static final Person DEV = new Person("dev", "Dana Dev");

    @Test
    void anApprovalMailWritesItsDeadlineTheGrantsEndItsDurationAndItsEscalationInWords() {
        ApprovalNotice notice = approvalNotice(
                Duration.ofMinutes(90),
                "INC-123 runs long",
                "Security Review",
                NOW.plus(Duration.ofHours(3)),
                new ApprovalNotice.Extension("grt-7c1d", NOW.plus(Duration.ofHours(25))),
                new ApprovalNotice.Escalation(Duration.ofDays(2).plusHours(4), true));

        Letter letter = ApprovalLetter.write(notice, HEAD);

        assertThat(letter.text())
                .contains("asks to extend grant grt-7c1d, their access to the account rw-admin on prod-postgresql"
                        + " ending at 2026-12-07 22:16 UTC (in 1 day 1 hour), by 1 hour 30 minutes more, and you"
                        + " may approve it.")
                .contains("This step was escalated to you: its approvers had not decided it after 2 days 4 hours.")
                .contains("\nExtends: grant grt-7c1d, ending at 2026-12-07 22:16 UTC (in 1 day 1 hour)\n")
                .contains("\nDuration: 1 hour 30 minutes more\n")
                .contains("\nDeadline: 2026-12-07 00:16 UTC (in 3 hours)\n");
        assertThat(letter.html())
                .contains("<td>grant grt-7c1d, ending at 2026-12-07 22:16 UTC (in 1 day 1 hour)</td>")
                .contains("<td>1 hour 30 minutes more</td>")
                .contains("<td>2026-12-07 00:16 UTC (in 3 hours)</td>")
                .contains("after 2 days 4 hours.");
        for (String body : List.of(letter.text(), letter.html())) {
            assertThat(body).doesNotContain("PT", " min ", " h ", " d ", "T22:16", "Monday", "Tuesday");
        }
    }

    @Test
    void aStepEscalatedBecauseItsApproversLeftSaysAfterHowLongInWords() {
        assertThat(ApprovalLetter.write(escalatedAfter(Duration.ofMinutes(35)), HEAD)
                        .text())
                .contains("This step was escalated to you after 35 minutes: its approvers can no longer give the"
                        + " approvals it needs.");
    }

    @Test
    void aBreakGlassMailWritesADurationOfDaysAndAReviewDueHoursAgo() {
        BreakGlassNotice notice = new BreakGlassNotice(
                BreakGlassNotice.Why.REVIEW,
                "req-84a2",
                new Person("rita", "Rita Review"),
                "rita@example.com",
                DEV,
                "prod-postgresql",
                "rw-admin",
                Duration.ofDays(3),
                "prod-db",
                "primary down",
                null,
                NOW.minus(Duration.ofHours(2)),
                null,
                List.of());

        Letter letter = BreakGlassLetter.write(notice, HEAD);

        assertThat(letter.text())
                .contains("\nDuration: 3 days\n")
                .contains("\nReview due: 2026-12-06 19:16 UTC (2 hours ago)\n")
                .contains("Its review is overdue");
        assertThat(letter.html()).contains("<td>3 days</td>").contains("<td>2026-12-06 19:16 UTC (2 hours ago)</td>");
    }

    @Test
    void aGrantEndingUnderAMinuteAwaySaysInHowManySeconds() {
        Letter letter = GrantEndingLetter.write(
                new GrantEndingNotice(
                        "grt-7c1d",
                        "req-84a2",
                        DEV,
                        "dev@example.com",
                        "prod-postgresql",
                        "rw-admin",
                        NOW.plusSeconds(40)),
                HEAD);

        assertThat(letter.text()).contains("\nEnds at: 2026-12-06 21:17 UTC (in 40 seconds)\n");
        assertThat(letter.html()).contains("<td>2026-12-06 21:17 UTC (in 40 seconds)</td>");
    }

    @Test
    void anOutcomeMailWritesWhenAccessStartedAndWhenItEnds() {
        Letter letter = OutcomeLetter.write(
                new OutcomeNotice(
                        "req-84a2",
                        DEV,
                        "dev@example.com",
                        "prod-postgresql",
                        "rw-admin",
                        OutcomeNotice.Outcome.APPROVED,
                        new Person("carol", "Carol Sec"),
                        null,
                        "looks fine",
                        NOW.minusSeconds(90),
                        NOW.plus(Duration.ofHours(2))),
                HEAD);

        assertThat(letter.text())
                .contains("\nAccess from: 2026-12-06 21:14 UTC (1 minute ago)\n")
                .contains("\nAccess until: 2026-12-06 23:16 UTC (in 2 hours)\n");
        assertThat(letter.html())
                .contains("<td>2026-12-06 21:14 UTC (1 minute ago)</td>")
                .contains("<td>2026-12-06 23:16 UTC (in 2 hours)</td>");
    }

    private static ApprovalNotice escalatedAfter(Duration after) {
        return approvalNotice(
                Duration.ofHours(1), "why", null, null, null, new ApprovalNotice.Escalation(after, false));
    }

    /** lisa asked to approve dev's request for rw-admin on prod-postgresql, at the first of one step. */
    private static ApprovalNotice approvalNotice(
            Duration duration,
            String justification,
            String stepName,
            Instant deadline,
            ApprovalNotice.Extension extension,
            ApprovalNotice.Escalation escalation) {
        return new ApprovalNotice(
                "req-84a2",
                new Person("lisa", "Lisa Lead"),
                "lisa@example.com",
                null,
                "link-token",
                DEV,
                "prod-postgresql",
                "rw-admin",
                duration,
                justification,
                null,
                stepName,
                1,
                1,
                1,
                0,
                List.of(),
                deadline,
                null,
                List.of(),
                extension,
                escalation,
                null,
                null);
    }
}
