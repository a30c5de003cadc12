package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;

/** Stands in for the request and grant modules' events: only the action names and ids matter here. */
record TestEvent(Actor actor, String action, String requestId, String grantId, String note) implements AuditableEvent {

    static TestEvent request(String action, String requestId) {
        return new TestEvent(
                new Actor("dev", Role.USER, Channel.API, "127.0.0.1"), action, requestId, null, "test " + action);
    }

    static TestEvent grant(String action, String requestId, String grantId) {
        return new TestEvent(
                new Actor("lisa", Role.ADMIN, Channel.WEB, null), action, requestId, grantId, "test " + action);
    }

    @Override
    public String target() {
        return requestId == null ? "test" : "request:" + requestId;
    }
}
