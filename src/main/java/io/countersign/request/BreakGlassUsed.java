package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.util.List;

/**
 * A request was approved at once as emergency access under policy {@code policy}'s break-glass block;
 * {@code notified} are the users of the policy's emergency list told of it.
 */
public record BreakGlassUsed(
        Actor actor,
        String requestId,
        String requester,
        String requesterId,
        String resource,
        String account,
        String policy,
        Duration duration,
        List<Participant> notified,
        String justification)
        implements AuditableEvent {

    @Override
    public String action() {
        return "breakglass.used";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "break-glass access of " + requester + " to " + account + "@" + resource + " for " + duration
                + " under policy '" + policy + "'"
                + (notified.isEmpty()
                        ? ""
                        : ", telling "
                                + String.join(
                                        ", ",
                                        notified.stream()
                                                .map(Participant::username)
                                                .toList()));
    }
}
