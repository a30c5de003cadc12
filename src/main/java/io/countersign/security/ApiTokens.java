package io.countersign.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import io.countersign.shared.Timestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues API tokens and authenticates callers by them. */
@Service
public class ApiTokens {

    /**
     * Authentications are cached briefly so that enforcement points checking access on every
     * connection do not cost a token lookup each time; a deleted token or deactivated user stops
     * working within this delay.
     */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Cache<String, Optional<CountersignPrincipal>> cache = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(10_000)
            .build();

    ApiTokens(JdbcClient jdbc, Users users, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public IssuedToken issue(Actor actor, String username, String name, Instant expiresAt) {
        String owner = Names.canonical(username);
        if (!actor.isAdmin() && !actor.username().equals(owner)) {
            throw new NotFoundException("user", owner);
        }
        users.find(owner).orElseThrow(() -> new NotFoundException("user", owner));
        Problems problems = new Problems();
        problems.requireText(name, "name", 128);
        if (expiresAt != null) {
            problems.check(expiresAt.isAfter(clock.instant()), "expiresAt", "in_past", "must be in the future");
        }
        problems.throwIfAny();
        return store(actor, owner, Text.strip(name), generate(), expiresAt);
    }

    /** Stores a token whose value the operator chose (the bootstrap token). */
    @Transactional
    public IssuedToken register(Actor actor, String username, String name, String token) {
        if (token.length() < 24) {
            throw new ForbiddenException("A preset API token must have at least 24 characters.");
        }
        return store(actor, username, name, token, null);
    }

    public Optional<CountersignPrincipal> authenticate(String token) {
        String hash = TokenHash.of(token);
        return cache.get(hash, this::lookup);
    }

    private Optional<CountersignPrincipal> lookup(String hash) {
        Instant now = clock.instant();
        return jdbc.sql("select username, expires_at from api_tokens where secret_hash = ?")
                .param(hash)
                .query((rs, row) -> {
                    Instant expires = Timestamps.fromDb(rs.getObject("expires_at", OffsetDateTime.class));
                    return expires != null && !expires.isAfter(now) ? null : rs.getString("username");
                })
                .optional()
                .flatMap(users::find)
                .filter(User::active)
                .map(user -> new CountersignPrincipal(user.username(), user.role(), Channel.API));
    }

    private IssuedToken store(Actor actor, String username, String name, String token, Instant expiresAt) {
        int clash = jdbc.sql("select count(*) from api_tokens where username = ? and name = ?")
                .params(username, name)
                .query(Integer.class)
                .single();
        if (clash > 0) {
            throw new ConflictException("User '" + username + "' already has a token named '" + name + "'.");
        }
        String id = ShortIds.next("tok");
        jdbc.sql("""
                        insert into api_tokens (id, username, name, secret_hash, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        username,
                        name,
                        TokenHash.of(token),
                        Timestamps.toDb(clock.instant()),
                        Timestamps.toDb(expiresAt))
                .update();
        events.publishEvent(new TokenIssued(actor, id, username, name));
        return new IssuedToken(id, name, username, token, expiresAt);
    }

    private static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "cs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
