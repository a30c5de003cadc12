package io.countersign.notify.internal;

import io.countersign.grant.GrantAwaitingFirstUse;
import io.countersign.grant.GrantExpired;
import io.countersign.grant.GrantExtended;
import io.countersign.grant.GrantFirstUsed;
import io.countersign.grant.GrantRevoked;
import io.countersign.grant.GrantStarted;
import io.countersign.notify.EventType;
import io.countersign.request.RequestApproved;
import io.countersign.request.RequestCancelled;
import io.countersign.request.RequestCreated;
import io.countersign.request.RequestExpired;
import io.countersign.request.RequestRejected;
import io.countersign.request.RequestStepEscalated;
import io.countersign.request.RequestStepStarted;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which request and grant events are webhook events, one listener per event record, each in the
 * transaction of the change. Request events pass through under their own names; the two ways a grant
 * ends become one {@code grant.ended} with a reason, and a revocation is also {@code grant.revoked},
 * so that a receiver can follow revocations alone. A grant's first use starts its access: it is
 * {@code grant.first_used} and also {@code grant.started}, so that a receiver following starts sees
 * every one. The events of an extension request name the grant it would extend from its creation on,
 * so that a receiver following a grant sees every request about it; those of a request for new access
 * name none until its approval issues one.
 */
@Component
class WebhookEvents {

    private final Outbox outbox;

    WebhookEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(RequestCreated event) {
        outbox.publish(EventType.REQUEST_CREATED, event, null);
    }

    @EventListener
    void on(RequestStepStarted event) {
        outbox.publish(EventType.REQUEST_STEP_STARTED, event, null);
    }

    @EventListener
    void on(RequestStepEscalated event) {
        outbox.publish(EventType.REQUEST_STEP_ESCALATED, event, null);
    }

    @EventListener
    void on(RequestApproved event) {
        outbox.publish(EventType.REQUEST_APPROVED, event, null);
    }

    @EventListener
    void on(RequestRejected event) {
        outbox.publish(EventType.REQUEST_REJECTED, event, null);
    }

    @EventListener
    void on(RequestCancelled event) {
        outbox.publish(EventType.REQUEST_CANCELLED, event, null);
    }

    @EventListener
    void on(RequestExpired event) {
        outbox.publish(EventType.REQUEST_EXPIRED, event, null);
    }

    @EventListener
    void on(GrantStarted event) {
        outbox.publish(EventType.GRANT_STARTED, event, null);
    }

    @EventListener
    void on(GrantAwaitingFirstUse event) {
        outbox.publish(EventType.GRANT_AWAITING_FIRST_USE, event, null);
    }

    @EventListener
    void on(GrantFirstUsed event) {
        outbox.publish(EventType.GRANT_FIRST_USED, event, null);
        outbox.publish(EventType.GRANT_STARTED, event, null);
    }

    @EventListener
    void on(GrantRevoked event) {
        outbox.publish(EventType.GRANT_ENDED, event, "revoked");
        outbox.publish(EventType.GRANT_REVOKED, event, null);
    }

    @EventListener
    void on(GrantExtended event) {
        outbox.publish(
                EventType.GRANT_EXTENDED,
                event,
                null,
                Map.of(
                        "extensionRequestId", event.extensionRequestId(),
                        "extendedBy", event.extendedBy().toString(),
                        "previousEnd", event.previousEnd().toString(),
                        "endsAt", event.endsAt().toString()));
    }

    @EventListener
    void on(GrantExpired event) {
        outbox.publish(EventType.GRANT_ENDED, event, event.reason() == null ? "expired" : event.reason());
    }
}
