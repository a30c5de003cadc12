package io.countersign.policy;

import java.time.Duration;

/**
 * The limits a policy puts on requests it governs. {@code ticketPattern} may be null (no ticket
 * required). {@code maxTotalDuration} is the longest a grant may last in all, extensions included.
 */
public record Limits(
        Duration defaultDuration,
        Duration maxDuration,
        Duration requestTtl,
        boolean requireJustification,
        String ticketPattern,
        Duration maxTotalDuration) {

    /** Limits of a policy without an extension block: a grant lasts at most maxDuration in all. */
    public Limits(
            Duration defaultDuration,
            Duration maxDuration,
            Duration requestTtl,
            boolean requireJustification,
            String ticketPattern) {
        this(defaultDuration, maxDuration, requestTtl, requireJustification, ticketPattern, maxDuration);
    }
}
