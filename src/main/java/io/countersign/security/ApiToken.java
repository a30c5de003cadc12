package io.countersign.security;

import java.time.Instant;

/** An API token as its owner and administrators see it: never the secret nor its hash. */
public record ApiToken(String id, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {}
