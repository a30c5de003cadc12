package io.countersign.audit;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;

/** An auditable event whose every field a test chooses, standing in for the events of other modules. */
record SampleEvent(
        Actor actor,
        String action,
        String target,
        String note,
        String requestId,
        String grantId,
        String justification,
        String ticket,
        String comment,
        String reason)
        implements AuditableEvent {

    SampleEvent(Actor actor, String action, String target, String note, String requestId, String grantId) {
        this(actor, action, target, note, requestId, grantId, null, null, null, null);
    }

    static SampleEvent by(String username) {
        return new SampleEvent(
                new Actor(username, Role.USER, Channel.API, "192.0.2.10"),
                "sample.changed",
                "sample:" + username,
                "changed by " + username,
                null,
                null);
    }

    SampleEvent withAction(String newAction) {
        return new SampleEvent(
                actor, newAction, target, note, requestId, grantId, justification, ticket, comment, reason);
    }

    SampleEvent withNote(String newNote) {
        return new SampleEvent(
                actor, action, target, newNote, requestId, grantId, justification, ticket, comment, reason);
    }

    SampleEvent withTarget(String newTarget) {
        return new SampleEvent(
                actor, action, newTarget, note, requestId, grantId, justification, ticket, comment, reason);
    }

    SampleEvent forRequest(String newRequestId, String newGrantId) {
        return new SampleEvent(
                actor, action, target, note, newRequestId, newGrantId, justification, ticket, comment, reason);
    }

    /** The same event saying why: a justification and ticket, a decision's comment, a reason. */
    SampleEvent because(String newJustification, String newTicket, String newComment, String newReason) {
        return new SampleEvent(
                actor, action, target, note, requestId, grantId, newJustification, newTicket, newComment, newReason);
    }
}
