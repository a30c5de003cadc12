package io.countersign.request;

/** The outcome of a creation: {@code replayed} when an earlier call with the same Idempotency-Key made it. */
public record CreatedRequest(AccessRequest request, boolean replayed) {}
