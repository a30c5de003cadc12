package io.countersign.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.countersign.shared.database.DatabaseNotifications;
import io.countersign.shared.database.NotificationFence;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Successful token look-ups, kept for at most {@link #TTL} so that an enforcement point checking
 * access on every connection costs no database round trip for authentication. Misses are never
 * kept: a token that becomes valid (a preset token being registered) works on its next use.
 *
 * <p>A revocation, deactivation, deletion or role change ({@link #evictUser}) takes effect on every
 * instance by the moment its caller is told, as a grant's revoke does (docs/adr/0029): it holds the
 * change's acknowledgement ({@link NotificationFence#holdAcknowledgement()}) and names the user on a
 * notification that makes every instance forget their tokens, and on PostgreSQL a kept token is used
 * only while the fence vouches that every notification committed before the caller asked has been
 * handled here ({@link NotificationFence#vouchesForMemory()}); otherwise it is looked up again. On H2
 * there is one instance, which forgets at commit.
 *
 * <p>Callers that present a token while it is being looked up wait for that one look-up and share
 * its outcome, a failure included. A failed look-up is not kept either, but those who waited for it
 * are not made to try again one after the other: with the database out of reach, a gateway's
 * concurrent checks would otherwise be answered one bounded wait apart.
 */
@Component
class AuthenticationCache {

    static final Duration TTL = Duration.ofSeconds(1);

    /** Carries the name of a user whose tokens every instance must forget. */
    static final String CHANNEL = "api_token_users";

    private final Cache<String, AuthenticatedToken> byHash;
    private final Map<String, CompletableFuture<AuthenticatedToken>> running = new ConcurrentHashMap<>();
    private final DatabaseNotifications notifications;
    private final NotificationFence fence;

    @Autowired
    AuthenticationCache(DatabaseNotifications notifications, NotificationFence fence) {
        this(Ticker.systemTicker(), notifications, fence);
    }

    AuthenticationCache(Ticker ticker, DatabaseNotifications notifications, NotificationFence fence) {
        this.byHash = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
        this.notifications = notifications;
        this.fence = fence;
        notifications.listen(CHANNEL, this::evictUserNow);
        // what was announced while no connection listened is lost: start over
        notifications.onListening(this::evictAll);
    }

    /**
     * The cached answer for a token hash, or the loader's, run in this thread unless a look-up of the
     * same hash is running already; a null from the loader is not cached, nor is its failure.
     */
    AuthenticatedToken get(String hash, Function<String, AuthenticatedToken> loader) {
        boolean fresh = !notifications.available() || fence.vouchesForMemory();
        if (fresh) {
            AuthenticatedToken cached = byHash.getIfPresent(hash);
            if (cached != null) {
                return cached;
            }
        }
        CompletableFuture<AuthenticatedToken> mine = new CompletableFuture<>();
        CompletableFuture<AuthenticatedToken> other = running.putIfAbsent(hash, mine);
        if (other != null) {
            AuthenticatedToken shared = outcome(other);
            // a refusal or a failure is shared as it is; a token found may have been read before a
            // change this caller was told of, unless the fence vouches that a running look-up began
            // after every such change's notification (each one ends the look-ups running here)
            return fresh || shared == null ? shared : loader.apply(hash);
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
     * Forgets every cached token of {@code username} on this instance now and on every instance once
     * the surrounding transaction commits (a look-up running concurrently may still have read the state
     * before the commit), and holds the commit's acknowledgement until no instance answers from before
     * it. Inside the changing transaction.
     */
    void evictUser(String username) {
        evictUserNow(username);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            notifications.notifyOnCommit(CHANNEL, username);
            fence.holdAcknowledgement();
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

    private void evictAll() {
        running.clear();
        byHash.invalidateAll();
    }
}
