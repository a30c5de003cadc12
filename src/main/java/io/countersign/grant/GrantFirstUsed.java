package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/**
 * The first access check that allowed a grant waiting for its first use started its clock at {@code
 * clockStartedAt}: access is in force until {@code endsAt}. {@code actor} is who asked the check.
 */
public record GrantFirstUsed(
        Actor actor,
        String grantId,
        String requestId,
        String user,
        String resource,
        String account,
        Instant clockStartedAt,
        Instant endsAt)
        implements AuditableEvent {

    @Override
    public String action() {
        return "grant.first_used";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return user + " first used " + account + "@" + resource + " at " + clockStartedAt + " and may use it until "
                + endsAt;
    }
}
