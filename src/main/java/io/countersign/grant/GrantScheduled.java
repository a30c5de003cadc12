package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/** An approved request asked for a later start: its grant waits until {@code startsAt}. */
public record GrantScheduled(
        Actor actor,
        String grantId,
        String requestId,
        String user,
        String resource,
        String account,
        Instant startsAt,
        Instant endsAt)
        implements AuditableEvent {

    @Override
    public String action() {
        return "grant.scheduled";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return user + " may use " + account + "@" + resource + " from " + startsAt + " until " + endsAt;
    }
}
