package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.policy.Limits;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidationTests {

    private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");
    private static final Limits STRICT =
            new Limits(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24), true, "^(INC|CHG)-[0-9]+$");

    private static RequestInput input(Duration duration, String justification, String ticket, Instant startsAt) {
        return new RequestInput("Prod-DB", "admin", duration, justification, ticket, startsAt, null);
    }

    private static java.util.List<String> codes(Problems problems) {
        return problems.issues().stream().map(i -> i.field() + ":" + i.code()).toList();
    }

    @Test
    void aRequestWithinEveryLimitHasNoIssues() {
        Problems problems = new Problems();
        RequestInput ok = input(Duration.ofHours(4), "INC-1 failover", "INC-1", NOW.plusSeconds(60));

        assertThat(RequestValidation.checkInput(problems, ok, NOW)).isTrue();
        RequestValidation.checkLimits(problems, ok, STRICT);

        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void theDurationDefaultsToThePolicysDefault() {
        assertThat(RequestValidation.effectiveDuration(input(null, null, null, null), STRICT))
                .isEqualTo(Duration.ofHours(1));
        assertThat(RequestValidation.effectiveDuration(input(Duration.ofMinutes(5), null, null, null), STRICT))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void everyIssueOfTheInputIsCollected() {
        Problems problems = new Problems();

        boolean plannable = RequestValidation.checkInput(
                problems,
                new RequestInput(
                        " ",
                        "bad name!",
                        Duration.ZERO,
                        "x".repeat(2001),
                        "t".repeat(129),
                        NOW.plus(Duration.ofDays(31)),
                        null),
                NOW);

        assertThat(plannable).isFalse();
        assertThat(codes(problems))
                .containsExactlyInAnyOrder(
                        "resource:required",
                        "account:invalid_name",
                        "duration:not_positive",
                        "justification:too_long",
                        "ticket:too_long",
                        "startsAt:too_far_ahead");
    }

    @Test
    void aDurationIsAPositiveWholeNumberOfSeconds() {
        for (String text : List.of("PT0.5S", "PT1.5S", "PT0.000001S")) {
            Problems problems = new Problems();
            problems.positiveWholeSeconds(Duration.parse(text), "duration");
            assertThat(codes(problems)).as(text).containsExactly("duration:not_whole_seconds");
        }
        Problems negative = new Problems();
        negative.positiveWholeSeconds(Duration.ofSeconds(-1), "duration");
        Problems second = new Problems();
        second.positiveWholeSeconds(Duration.ofSeconds(1), "duration");

        assertThat(codes(negative)).containsExactly("duration:not_positive");
        assertThat(codes(second)).isEmpty();
    }

    @Test
    void aStartSlightlyInThePastIsForgivenButNotAnHourAgo() {
        Problems slight = new Problems();
        RequestValidation.checkInput(slight, input(null, null, null, NOW.minusSeconds(30)), NOW);
        Problems hourAgo = new Problems();
        RequestValidation.checkInput(hourAgo, input(null, null, null, NOW.minus(Duration.ofHours(1))), NOW);

        assertThat(slight.isEmpty()).isTrue();
        assertThat(codes(hourAgo)).containsExactly("startsAt:in_the_past");
    }

    @Test
    void everyBrokenLimitIsCollected() {
        Problems problems = new Problems();

        RequestValidation.checkLimits(problems, input(Duration.ofHours(5), "  ", "JIRA-1", null), STRICT);

        assertThat(codes(problems))
                .containsExactlyInAnyOrder("duration:above_maximum", "justification:required", "ticket:invalid_format");
    }

    @Test
    void aTicketIsRequiredOnlyWhenThePolicyHasAPattern() {
        Problems strict = new Problems();
        RequestValidation.checkLimits(strict, input(null, "why", null, null), STRICT);
        Problems lax = new Problems();
        RequestValidation.checkLimits(
                lax, input(null, null, null, null), new Limits(Duration.ofHours(1), null, null, false, null));

        assertThat(codes(strict)).containsExactly("ticket:required");
        assertThat(lax.isEmpty()).isTrue();
    }

    @Test
    void anUnusablePatternLetsNoTicketThrough() {
        Problems problems = new Problems();
        RequestValidation.checkLimits(
                problems, input(null, null, "INC-1", null), new Limits(Duration.ofHours(1), null, null, false, "(["));

        assertThat(problems.issues()).extracting(FieldIssue::code).containsExactly("invalid_format");
    }

    @Test
    void aCursorSurvivesItsRoundTripAndJunkIsRefused() {
        PageCursor cursor = new PageCursor(Instant.parse("2030-01-01T09:00:00.123456Z"), "req-abcdefgh");

        assertThat(PageCursor.decode(PageCursor.REQUESTS, cursor.encode(PageCursor.REQUESTS)))
                .isEqualTo(cursor);
        assertThatThrownBy(() -> PageCursor.decode(PageCursor.REQUESTS, "%%%"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageCursor.decode(PageCursor.REQUESTS, "bm90LWEtY3Vyc29y"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageCursor.decode(PageCursor.BREAK_GLASS, cursor.encode(PageCursor.REQUESTS)))
                .as("another list's cursor")
                .isInstanceOf(InvalidInputException.class);
    }
}
