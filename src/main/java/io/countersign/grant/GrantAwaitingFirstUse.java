package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * An approved request's grant starts its clock at its first use: it waits, unused, from {@code
 * claimableFrom} until {@code claimBy} and then lasts {@code duration} from the first access check
 * that allows it.
 */
public record GrantAwaitingFirstUse(
        Actor actor,
        String grantId,
        String requestId,
        String user,
        String resource,
        String account,
        Instant claimableFrom,
        Instant claimBy,
        Duration duration)
        implements AuditableEvent {

    @Override
    public String action() {
        return "grant.awaiting_first_use";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return user + " may start " + duration + " of " + account + "@" + resource + " by using it from "
                + claimableFrom + " until " + claimBy;
    }
}
