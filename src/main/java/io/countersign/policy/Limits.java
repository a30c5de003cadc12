package io.countersign.policy;

import java.time.Duration;

/** The limits a policy puts on requests it governs. {@code ticketPattern} may be null (no ticket required). */
public record Limits(
        Duration defaultDuration,
        Duration maxDuration,
        Duration requestTtl,
        boolean requireJustification,
        String ticketPattern) {}
