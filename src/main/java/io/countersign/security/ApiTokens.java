package io.countersign.security;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.ShortIds;
import io.countersign.shared.Text;
import io.countersign.shared.UserOwned;
import io.countersign.shared.database.BoundedDatabaseCalls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists and revokes API tokens and authenticates callers by them. A token belongs to a user
 * and acts with that user's current tool role; only the owner and administrators manage it.
 */
@Service
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore store;
    private final Users users;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuthenticationCache cache;
    private final TokenUsage usage;
    private final TokenProperties properties;
    private final BoundedDatabaseCalls boundedCalls;

    ApiTokens(
            TokenStore store,
            Users users,
            Directory directory,
            Clock clock,
            ApplicationEventPublisher events,
            AuthenticationCache cache,
            TokenUsage usage,
            TokenProperties properties,
            BoundedDatabaseCalls boundedCalls) {
        this.store = store;
        this.users = users;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
        this.cache = cache;
        this.usage = usage;
        this.properties = properties;
        this.boundedCalls = boundedCalls;
    }

    /**
     * Issues a token to {@code username}. The ceiling set by the token the current caller
     * authenticated with is read here rather than passed in, so that no caller can forget it.
     */
    @Transactional
    public IssuedToken issue(Actor actor, String username, String name, Instant expiresAt) {
        String owner = ownerVisibleTo(actor, username);
        // locked until the token is stored, and read under the lock rather than from a cache: a
        // deactivation or deletion at the same moment, on any instance, then either waits and deletes
        // the new token with the others, or commits first and is seen here. Alone, so that two tokens
        // of one name asked for at once are taken in turn and the second is told the name is taken
        if (directory.lockActiveNamedAlone(owner).isEmpty()) {
            if (users.find(owner).isEmpty()) {
                throw new NotFoundException("user", owner);
            }
            throw new ConflictException("'" + owner + "' is deactivated: reactivating a user revives no token,"
                    + " so issue one after the user is active again.");
        }
        Instant callerExpiry =
                AuthenticatedToken.current().map(AuthenticatedToken::expiresAt).orElse(null);
        Problems problems = new Problems();
        problems.requireText(name, "name", 128);
        Instant expiry =
                TokenLifetime.expiry(expiresAt, callerExpiry, properties.tokenMaxLifetime(), clock.instant(), problems);
        problems.throwIfAny();
        return store(actor, owner, Text.strip(name), generate(), expiry);
    }

    /** Stores a token whose value the operator chose (the bootstrap token); the maximum lifetime applies. */
    @Transactional
    public IssuedToken register(Actor actor, String username, String name, String token) {
        if (token.length() < 24) {
            throw new ForbiddenException("A preset API token must have at least 24 characters.");
        }
        Problems problems = new Problems();
        Instant expiry = TokenLifetime.expiry(null, null, properties.tokenMaxLifetime(), clock.instant(), problems);
        return store(actor, Names.canonical(username), name, token, expiry);
    }

    /** The tokens of {@code username}, oldest first, without their secrets. */
    @Transactional(readOnly = true)
    public List<ApiToken> list(Actor actor, String username) {
        return store.list(ownerVisibleTo(actor, username));
    }

    /** One token of {@code username}, without its secret; not found unless the owner is visible and has it. */
    @Transactional(readOnly = true)
    public ApiToken get(Actor actor, String username, String tokenId) {
        return list(actor, username).stream()
                .filter(token -> token.id().equals(tokenId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("token", tokenId));
    }

    /**
     * A token of {@code username}'s that was revoked, for a revoke page opened again to say so; empty when
     * the owner never had it, and not found, as for {@link #get}, unless the actor may manage the owner's tokens.
     */
    @Transactional(readOnly = true)
    public Optional<RevokedApiToken> revoked(Actor actor, String username, String tokenId) {
        return store.findRevoked(ownerVisibleTo(actor, username), tokenId);
    }

    /** Every user's tokens, by owner then age, without their secrets; administrators only. */
    @Transactional(readOnly = true)
    public List<OwnedApiToken> all(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators see every user's API tokens.");
        }
        return store.all();
    }

    /** Revokes one token; its caller is told once no instance accepts it ({@link AuthenticationCache#evictUser}). */
    @Transactional
    public void revoke(Actor actor, String username, String tokenId) {
        String owner = ownerVisibleTo(actor, username);
        TokenStore.Row row = store.find(owner, tokenId).orElseThrow(() -> new NotFoundException("token", tokenId));
        delete(actor, row, "revoked");
    }

    /**
     * Revokes one token as {@link #revoke} does, but a token of the owner's that is already revoked is
     * refused in words (a form sent again from the browser's history) rather than as not found.
     *
     * @throws ConflictException when the owner's token was revoked before
     */
    @Transactional
    public void revokeOnce(Actor actor, String username, String tokenId) {
        String owner = ownerVisibleTo(actor, username);
        if (store.find(owner, tokenId).isEmpty()
                && store.findRevoked(owner, tokenId).isPresent()) {
            throw new ConflictException(
                    "Token " + tokenId + " of " + owner + " is already revoked and can no longer be used.");
        }
        revoke(actor, owner, tokenId);
    }

    /** Revokes every token of {@code username}; returns how many there were. */
    @Transactional
    public int revokeAll(Actor actor, String username) {
        return revokeAllOf(actor, ownerVisibleTo(actor, username), "revoked");
    }

    /** Deletes every token of a user inside the caller's transaction, each audited with {@code reason}. */
    int revokeAllOf(Actor actor, String owner, String reason) {
        List<TokenStore.Row> rows = store.ofUser(owner);
        rows.forEach(row -> delete(actor, row, reason));
        cache.evictUser(owner);
        return rows.size();
    }

    public Optional<AuthenticatedToken> authenticate(String token) {
        String hash = TokenHash.of(token);
        // bounded: with the database out of reach, every caller is answered 503 within a second
        AuthenticatedToken found = cache.get(hash, h -> boundedCalls.call(() -> lookup(h)));
        if (found == null) {
            return Optional.empty();
        }
        if (found.expiredAt(clock.instant())) {
            cache.evict(hash);
            return Optional.empty();
        }
        usage.used(found.tokenId());
        return Optional.of(found);
    }

    private AuthenticatedToken lookup(String hash) {
        return store.findByHash(hash)
                .filter(row -> row.expiresAt() == null || row.expiresAt().isAfter(clock.instant()))
                .flatMap(row -> users.find(row.username()).filter(User::active).map(user -> {
                    usage.known(row.id(), row.lastUsedAt());
                    return new AuthenticatedToken(
                            new CountersignPrincipal(user.username(), user.role(), Channel.API),
                            row.id(),
                            row.expiresAt());
                }))
                .orElse(null);
    }

    private void delete(Actor actor, TokenStore.Row row, String reason) {
        if (store.delete(row, clock.instant(), actor.username())) {
            events.publishEvent(new TokenRevoked(actor, row.id(), row.username(), row.name(), reason));
        }
        cache.evictUser(row.username());
    }

    /** The owner named by the path when the actor may manage their tokens ({@link UserOwned}). */
    private String ownerVisibleTo(Actor actor, String username) {
        String owner = Names.canonical(username);
        UserOwned.managedBy(actor, owner, users.find(owner), "API tokens");
        return owner;
    }

    private IssuedToken store(Actor actor, String username, String name, String token, Instant expiresAt) {
        if (store.nameTaken(username, name)) {
            throw new ConflictException("User '" + username + "' already has a token named '" + name + "'.");
        }
        String id = ShortIds.next("tok");
        // the database keeps microseconds and would round the rest: the answer must be what is stored,
        // and truncating never lets a token outlive the ceiling it was checked against
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        store.insert(id, username, name, TokenHash.of(token), clock.instant(), expiry);
        events.publishEvent(new TokenIssued(actor, id, username, name));
        return new IssuedToken(id, name, username, token, expiry);
    }

    private static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "cs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
