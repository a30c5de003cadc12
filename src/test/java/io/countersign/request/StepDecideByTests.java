package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** By when a step must be decided, as the token view, the mail, the chat message and the page all say it. */
class StepDecideByTests {

    private static final Instant EXPIRY = Instant.parse("2026-12-08T10:00:00Z");

    private static RequestStep dueAt(Instant deadline) {
        return new RequestStep(
                0,
                "Manager",
                1,
                List.of(new Participant("usr-lisa", "lisa")),
                deadline == null ? null : Duration.ofHours(1),
                null,
                List.of(),
                null,
                StepStatus.PENDING,
                EXPIRY.minus(Duration.ofDays(1)),
                deadline,
                false,
                List.of(),
                List.of());
    }

    @Test
    void aStepWithoutADeadlineIsDecidedByTheRequestsExpiry() {
        assertThat(dueAt(null).decideBy(EXPIRY)).isEqualTo(EXPIRY);
    }

    @Test
    void aStepDeadlineBeforeTheExpiryIsTheOneThatCounts() {
        Instant earlier = EXPIRY.minus(Duration.ofMinutes(90));

        assertThat(dueAt(earlier).decideBy(EXPIRY)).isEqualTo(earlier);
    }

    @Test
    void anExpiryBeforeTheStepDeadlineIsTheOneThatCounts() {
        assertThat(dueAt(EXPIRY.plusSeconds(1)).decideBy(EXPIRY)).isEqualTo(EXPIRY);
    }

    @Test
    void aStepDeadlineAtTheExpiryIsThatMoment() {
        assertThat(dueAt(EXPIRY).decideBy(EXPIRY)).isEqualTo(EXPIRY);
    }

    @Test
    void withoutAnExpiryTheStepDeadlineCounts() {
        Instant deadline = EXPIRY.minus(Duration.ofHours(2));

        assertThat(dueAt(deadline).decideBy(null)).isEqualTo(deadline);
    }

    @Test
    void withNeitherThereIsNoMomentToDecideBy() {
        assertThat(dueAt(null).decideBy(null)).isNull();
    }
}
