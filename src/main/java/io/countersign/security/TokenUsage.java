package io.countersign.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.DatabaseUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Records when a token was last used without a database write per request: each instance writes a
 * token's time at most once per {@link #RESOLUTION}, so {@code lastUsedAt} may lag by that much.
 */
@Component
class TokenUsage {

    static final Duration RESOLUTION = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TokenUsage.class);

    private final TokenStore store;
    private final Clock clock;
    private final BoundedDatabaseCalls calls;
    private final Cache<String, Instant> written =
            Caffeine.newBuilder().maximumSize(100_000).build();

    TokenUsage(TokenStore store, Clock clock, BoundedDatabaseCalls calls) {
        this.store = store;
        this.clock = clock;
        this.calls = calls;
    }

    /** What the database already holds for a token, so that a fresh look-up does not write it again. */
    void known(String tokenId, Instant lastUsedAt) {
        if (lastUsedAt != null) {
            written.asMap().merge(tokenId, lastUsedAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    void used(String tokenId) {
        Instant now = clock.instant();
        boolean[] due = {false};
        written.asMap().compute(tokenId, (id, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(RESOLUTION));
            return due[0] ? now : last;
        });
        if (due[0]) {
            try {
                // bounded like the look-up: a call answered from the token cache must not wait out the
                // pool's connection timeout when the database has just gone
                calls.call(() -> {
                    store.markUsed(tokenId, now);
                    return null;
                });
            } catch (DatabaseUnavailableException e) {
                // bookkeeping only: the caller is authenticated, so the call goes on; the next use
                // retries, and the outage is logged where calls are answered 503
                written.invalidate(tokenId);
            } catch (DataAccessException e) {
                written.invalidate(tokenId);
                log.warn("Could not record the use of token {}: {}", tokenId, e.getMessage());
            }
        }
    }
}
