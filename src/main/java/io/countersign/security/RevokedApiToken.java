package io.countersign.security;

import java.time.Instant;

/**
 * A token that was revoked, as its owner and administrators may learn of it; {@code name} and
 * {@code revokedBy} are null for a token revoked before they were kept.
 */
public record RevokedApiToken(String id, String name, Instant revokedAt, String revokedBy) {}
