package io.countersign.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Successful token look-ups, kept for at most {@link #TTL} so that an enforcement point checking
 * access on every connection costs no database round trip for authentication. Misses are never
 * kept: a token that becomes valid (a preset token being registered) works on its next use. A
 * revocation, deactivation or role change evicts the user's entries on this instance when it
 * commits; other instances sharing the database see it when their entry expires, within {@link #TTL}.
 */
@Component
class AuthenticationCache {

    static final Duration TTL = Duration.ofSeconds(1);

    private final Cache<String, AuthenticatedToken> byHash;

    AuthenticationCache() {
        this(Ticker.systemTicker());
    }

    AuthenticationCache(Ticker ticker) {
        this.byHash = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
    }

    /** The cached answer for a token hash, or the loader's; a null from the loader is not cached. */
    AuthenticatedToken get(String hash, Function<String, AuthenticatedToken> loader) {
        return byHash.get(hash, loader);
    }

    void evict(String hash) {
        byHash.invalidate(hash);
    }

    /**
     * Forgets every cached token of {@code username} now and again once the surrounding transaction
     * commits: a look-up running concurrently may still have read the state before the commit.
     */
    void evictUser(String username) {
        evictUserNow(username);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evictUserNow(username);
                }
            });
        }
    }

    private void evictUserNow(String username) {
        byHash.asMap().values().removeIf(cached -> cached.principal().username().equals(username));
    }
}
