package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * A request was created; {@code actor} is the requester or the enforcement point that asked for them.
 * The justification and ticket are audited in their own hashed fields. {@code extendsGrant} is the
 * grant an extension request asks more time on (null for new access).
 */
public record RequestCreated(
        Actor actor,
        String requestId,
        String requester,
        String resource,
        String account,
        Duration duration,
        Instant startsAt,
        String policyName,
        Instant expiresAt,
        String justification,
        String ticket,
        String extendsGrant)
        implements AuditableEvent {

    static RequestCreated of(Actor creator, RequestDetails details) {
        return new RequestCreated(
                creator,
                details.id(),
                details.requester(),
                details.resource(),
                details.account(),
                details.duration(),
                details.startsAt(),
                details.policyName(),
                details.expiresAt(),
                details.justification(),
                details.ticket(),
                details.extendsGrant());
    }

    @Override
    public String action() {
        return "request.created";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        if (extendsGrant != null) {
            return requester + " asks to extend grant " + extendsGrant + " of " + account + "@" + resource + " by "
                    + duration + " under policy " + policyName;
        }
        return requester + " asks for " + account + "@" + resource + " for " + duration
                + (startsAt == null ? "" : " from " + startsAt) + " under policy " + policyName;
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
