package io.countersign.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Callers that present a token while it is being looked up wait for that one look-up and share
 * its outcome, a failure included. A failed look-up is not kept either, but those who waited for it
 * are not made to try again one after the other: with the database out of reach, a gateway's
 * concurrent checks would otherwise be answered one bounded wait apart.
 */
@Component
class AuthenticationCache {

    static final Duration TTL = Duration.ofSeconds(1);

    private final Cache<String, AuthenticatedToken> byHash;
    private final Map<String, CompletableFuture<AuthenticatedToken>> running = new ConcurrentHashMap<>();

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

    /**
     * The cached answer for a token hash, or the loader's, run in this thread unless a look-up of the
     * same hash is running already; a null from the loader is not cached, nor is its failure.
     */
    AuthenticatedToken get(String hash, Function<String, AuthenticatedToken> loader) {
        AuthenticatedToken cached = byHash.getIfPresent(hash);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<AuthenticatedToken> mine = new CompletableFuture<>();
        CompletableFuture<AuthenticatedToken> other = running.putIfAbsent(hash, mine);
        if (other != null) {
            return outcome(other);
        }
        try {
            AuthenticatedToken found = loader.apply(hash);
            if (found != null) {
                byHash.put(hash, found);
            }
            mine.complete(found);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
        } finally {
            if (!running.remove(hash, mine)) {
                // its user was evicted while it ran: what it read may be from before the change
                byHash.invalidate(hash);
            }
        }
        return outcome(mine);
    }

    private static AuthenticatedToken outcome(CompletableFuture<AuthenticatedToken> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
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
        // a look-up running now is not kept: whose token it is shows only once it has read it
        running.clear();
        byHash.asMap().values().removeIf(cached -> cached.principal().username().equals(username));
    }
}
