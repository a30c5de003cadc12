package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Problems;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenLifetimeTests {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private final Problems problems = new Problems();

    @Test
    void withoutAnyCeilingATokenNeverExpiresUnlessAsked() {
        assertThat(TokenLifetime.expiry(null, null, null, NOW, problems)).isNull();
        assertThat(TokenLifetime.expiry(NOW.plus(DAY), null, null, NOW, problems))
                .isEqualTo(NOW.plus(DAY));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void withoutAnAskedExpiryTheEarlierCeilingApplies() {
        Instant caller = NOW.plus(Duration.ofHours(3));

        assertThat(TokenLifetime.expiry(null, caller, null, NOW, problems)).isEqualTo(caller);
        assertThat(TokenLifetime.expiry(null, null, DAY, NOW, problems)).isEqualTo(NOW.plus(DAY));
        assertThat(TokenLifetime.expiry(null, caller, DAY, NOW, problems)).isEqualTo(caller);
        assertThat(TokenLifetime.expiry(null, NOW.plus(Duration.ofDays(9)), DAY, NOW, problems))
                .isEqualTo(NOW.plus(DAY));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void anExpiryUpToBothCeilingsIsKept() {
        Instant caller = NOW.plus(DAY);

        assertThat(TokenLifetime.expiry(caller, caller, DAY, NOW, problems)).isEqualTo(caller);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void anExpiryBeyondEitherCeilingIsRefusedNamingEach() {
        TokenLifetime.expiry(NOW.plus(Duration.ofDays(2)), NOW.plus(DAY), DAY, NOW, problems);

        assertThat(problems.issues())
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("expiresAt", "outlives_caller_token"),
                        org.assertj.core.groups.Tuple.tuple("expiresAt", "exceeds_max_lifetime"));
    }

    @Test
    void anExpiryNotInTheFutureIsRefused() {
        TokenLifetime.expiry(NOW, null, null, NOW, problems);

        assertThat(problems.issues()).extracting(FieldIssue::code).containsExactly("in_the_past");
    }
}
