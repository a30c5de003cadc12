package io.countersign.security;

/** An API token with the user it belongs to, as administrators see every token: never the secret. */
public record OwnedApiToken(String owner, ApiToken token) {}
