package io.countersign.policy;

import java.time.Duration;
import java.util.List;

/**
 * What the governing policy allows in an emergency: a break-glass request is approved at once for at
 * most {@code maxDuration}, and the users in {@code notified} (its notify selectors resolved today, the
 * requester left out) are told of it.
 */
public record BreakGlassPlan(Duration maxDuration, List<String> notified) {}
