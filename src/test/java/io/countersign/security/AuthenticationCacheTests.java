package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthenticationCacheTests {

    private final AtomicLong nanos = new AtomicLong();
    private final AuthenticationCache cache = new AuthenticationCache(nanos::get);
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
}
