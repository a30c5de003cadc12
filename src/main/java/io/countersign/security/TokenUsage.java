package io.countersign.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    private final Cache<String, Instant> written =
            Caffeine.newBuilder().maximumSize(100_000).build();

    TokenUsage(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
                store.markUsed(tokenId, now);
            } catch (DataAccessException e) {
                // bookkeeping only: the caller is authenticated, so the call goes on; the next use retries
                written.invalidate(tokenId);
                log.warn("Could not record the use of token {}: {}", tokenId, e.getMessage());
            }
        }
    }
}
