package io.countersign.security;

import java.time.Instant;

/** A newly issued API token; {@code token} is shown this once and only its hash is stored. */
public record IssuedToken(String id, String name, String username, String token, Instant expiresAt) {}
