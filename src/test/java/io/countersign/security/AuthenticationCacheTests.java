package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.shared.database.DatabaseNotifications;
import io.countersign.shared.database.NotificationFence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AuthenticationCacheTests {

    private final AtomicLong nanos = new AtomicLong();
    // as on H2: no notifications, so what is kept is used
    private final DatabaseNotifications notifications = mock(DatabaseNotifications.class);
    private final NotificationFence fence = mock(NotificationFence.class);
    private final AuthenticationCache cache = new AuthenticationCache(nanos::get, notifications, fence);
    private final AtomicInteger lookups = new AtomicInteger();

    private AuthenticatedToken of(String username) {
        return new AuthenticatedToken(new CountersignPrincipal(username, Role.USER, Channel.API), "tok-1", null);
    }

    private AuthenticatedToken found(String hash) {
        lookups.incrementAndGet();
        return of("dev");
    }

    private AuthenticatedToken missing(String hash) {
        lookups.incrementAndGet();
        return null;
    }

    @Test
    void aSuccessfulLookupIsKeptForAtMostOneSecond() {
        cache.get("h", this::found);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        cache.get("h", this::found);
        assertThat(lookups).hasValue(1);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        cache.get("h", this::found);

        assertThat(lookups).hasValue(2);
    }

    @Test
    void onPostgresAKeptTokenIsUsedOnlyWhileTheFenceVouchesForIt() {
        when(notifications.available()).thenReturn(true);
        when(fence.vouchesForMemory()).thenReturn(true);
        cache.get("h", this::found);
        cache.get("h", this::found);
        assertThat(lookups).hasValue(1);

        when(fence.vouchesForMemory()).thenReturn(false);
        cache.get("h", this::found);

        assertThat(lookups).hasValue(2);
    }

    @Test
    void aUserNamedByAnotherInstanceLosesTheirKeptTokensHere() {
        ArgumentCaptor<Consumer<String>> listener = ArgumentCaptor.captor();
        verify(notifications).listen(eq(AuthenticationCache.CHANNEL), listener.capture());
        cache.get("dev-token", this::found);
        cache.get("ops-token", hash -> of("ops"));

        listener.getValue().accept("dev");
        cache.get("dev-token", this::found);
        cache.get("ops-token", hash -> of("unexpected"));

        assertThat(lookups).hasValue(2);
    }

    @Test
    void aMissIsNeverKept() {
        assertThat(cache.get("h", this::missing)).isNull();

        assertThat(cache.get("h", this::found)).isNotNull();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void evictingAUserForgetsOnlyTheirTokens() {
        cache.get("dev-token", this::found);
        cache.get("ops-token", hash -> of("ops"));

        cache.evictUser("dev");
        cache.get("dev-token", this::found);
        cache.get("ops-token", hash -> of("unexpected"));

        assertThat(lookups).hasValue(2);
        assertThat(cache.get("ops-token", hash -> of("unexpected")).principal().username())
                .isEqualTo("ops");
    }

    @Test
    void callersWaitingForALookupThatFailsShareItsFailureInsteadOfTryingInTurn() throws Exception {
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        RuntimeException outage = new IllegalStateException("the database cannot be reached");
        Function<String, AuthenticatedToken> failingSlowly = hash -> {
            lookups.incrementAndGet();
            try {
                databaseAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw outage;
        };
        List<Thread> callers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AuthenticatedToken>> answers = IntStream.range(0, 4)
                    .mapToObj(i -> pool.submit(() -> {
                        callers.add(Thread.currentThread());
                        return cache.get("h", failingSlowly);
                    }))
                    .toList();
            // one caller looks the token up, the others wait for its answer; none is blocked behind it
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> callers.size() == 4
                            && callers.stream().allMatch(caller -> caller.getState() == Thread.State.WAITING));

            databaseAnswers.countDown();

            for (Future<AuthenticatedToken> answer : answers) {
                assertThatThrownBy(answer::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasCause(outage);
            }
            assertThat(lookups).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLookupIsNotKept() {
        assertThatThrownBy(() -> cache.get("h", hash -> {
                    throw new IllegalStateException("the database cannot be reached");
                }))
                .hasMessageContaining("cannot be reached");

        assertThat(cache.get("h", this::found)).isNotNull();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aLookupRunningWhenItsUserIsEvictedIsNotKept() {
        AuthenticatedToken answered = cache.get("h", hash -> {
            cache.evictUser("dev");
            return found(hash);
        });

        assertThat(answered.principal().username()).isEqualTo("dev");
        cache.get("h", this::found);
        assertThat(lookups).hasValue(2);
    }
}
