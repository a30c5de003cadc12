package io.countersign.policy;

import java.time.Duration;

/**
 * The limits a policy puts on requests it governs. {@code ticketPattern} may be null (no ticket
 * required). {@code maxTotalDuration} is the longest a grant may last in all, extensions included.
 * {@code claimWindow} is set only with {@code startOnFirstUse}: how long an approved grant waits for
 * its first use before it expires unclaimed.
 */
public record Limits(
        Duration defaultDuration,
        Duration maxDuration,
        Duration requestTtl,
        boolean requireJustification,
        String ticketPattern,
        Duration maxTotalDuration,
        boolean startOnFirstUse,
        Duration claimWindow) {

    /**
     * Limits of a policy without an extension block whose grants start on approval: a grant lasts at
     * most maxDuration in all.
     */
    public Limits(
            Duration defaultDuration,
            Duration maxDuration,
            Duration requestTtl,
            boolean requireJustification,
            String ticketPattern) {
        this(defaultDuration, maxDuration, requestTtl, requireJustification, ticketPattern, maxDuration, false, null);
    }
}
