package io.countersign.audit;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;

/** An auditable event whose every field a test chooses, standing in for the events of other modules. */
record SampleEvent(Actor actor, String action, String target, String note, String requestId, String grantId)
        implements AuditableEvent {

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
        return new SampleEvent(actor, newAction, target, note, requestId, grantId);
    }

    SampleEvent withNote(String newNote) {
        return new SampleEvent(actor, action, target, newNote, requestId, grantId);
    }

    SampleEvent withTarget(String newTarget) {
        return new SampleEvent(actor, action, newTarget, note, requestId, grantId);
    }

    SampleEvent forRequest(String newRequestId, String newGrantId) {
        return new SampleEvent(actor, action, target, note, newRequestId, newGrantId);
    }
}
