package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/** Access began: the grant of an approved request is in force until {@code endsAt}. */
public record GrantStarted(
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
        return "grant.started";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return user + " may use " + account + "@" + resource + " until " + endsAt;
    }
}
