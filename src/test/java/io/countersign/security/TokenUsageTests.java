package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.DatabaseCallProperties;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class TokenUsageTests {

    private final MutableClock clock = new MutableClock();
    private final List<Instant> writes = new ArrayList<>();
    private boolean failing;

    private final TokenStore store = new TokenStore(null) {
        @Override
        void markUsed(String id, Instant at) {
            if (failing) {
                throw new DataAccessResourceFailureException("database unreachable");
            }
            writes.add(at);
        }
    };
    private final BoundedDatabaseCalls calls =
            new BoundedDatabaseCalls(new DatabaseCallProperties(Duration.ofMillis(200), 1, 1, Duration.ZERO));
    private final TokenUsage usage = new TokenUsage(store, clock, calls);

    @AfterEach
    void stop() {
        calls.destroy();
    }

    @Test
    void aTokenUsedOftenIsWrittenOncePerMinute() {
        Instant first = clock.instant();
        usage.used("tok-1");
        clock.advance(Duration.ofSeconds(59));
        usage.used("tok-1");
        clock.advance(Duration.ofSeconds(1));
        usage.used("tok-1");

        assertThat(writes).containsExactly(first, first.plusSeconds(60));
    }

    @Test
    void aTimeAlreadyStoredIsNotWrittenAgainWithinTheMinute() {
        usage.known("tok-1", clock.instant().minusSeconds(30));

        usage.used("tok-1");

        assertThat(writes).isEmpty();
    }

    @Test
    void aFailedWriteDoesNotFailTheCallAndIsRetriedOnTheNextUse() {
        failing = true;
        assertThatCode(() -> usage.used("tok-1")).doesNotThrowAnyException();

        failing = false;
        usage.used("tok-1");

        assertThat(writes).containsExactly(clock.instant());
    }

    @Test
    void aWriteTheDatabaseDoesNotAnswerIsGivenUpAfterTheBoundedWait() {
        CountDownLatch never = new CountDownLatch(1);
        TokenStore silent = new TokenStore(null) {
            @Override
            void markUsed(String id, Instant at) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TokenUsage bounded = new TokenUsage(silent, clock, calls);

        // the pool's connection wait is 5 s, and a silent socket holds a thread for longer
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> bounded.used("tok-1"));
    }
}
