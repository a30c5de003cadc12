package io.countersign.request;

import io.countersign.policy.NamePattern;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One user's approvals handed to another for a period: while it runs the delegate is eligible
 * wherever the delegator is, for the resources its globs name (all of them when there are none).
 * {@code endedAt} is set when it was ended before {@code until}: by the delegator, an administrator,
 * or because either person left; or, equal to {@code until}, once it was recorded as having reached it.
 */
public record Delegation(
        String id,
        Participant delegator,
        Participant delegate,
        Instant from,
        Instant until,
        List<String> resources,
        Instant endedAt) {

    public Delegation {
        Objects.requireNonNull(delegator, "delegator");
        Objects.requireNonNull(delegate, "delegate");
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** Whether the delegation runs at {@code at}: started, not past its end, not ended early. */
    public boolean inForceAt(Instant at) {
        return !at.isBefore(from) && at.isBefore(until) && (endedAt == null || at.isBefore(endedAt));
    }

    /** Whether it covers requests for this resource. */
    public boolean covers(String resource) {
        return resources.isEmpty()
                || resources.stream().anyMatch(glob -> NamePattern.compile(glob).matches(resource));
    }

    /** When it stops: its {@code until}, or earlier when it was ended. */
    public Instant endsAt() {
        return endedAt != null && endedAt.isBefore(until) ? endedAt : until;
    }
}
