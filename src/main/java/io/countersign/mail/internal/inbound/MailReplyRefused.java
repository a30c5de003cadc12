package io.countersign.mail.internal.inbound;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A reply by mail changed nothing; the note says why and never carries the reply's token. */
record MailReplyRefused(Actor actor, String requestId, String sender, String reason) implements AuditableEvent {

    @Override
    public String action() {
        return "mail.reply_refused";
    }

    @Override
    public String target() {
        return requestId == null ? "mail:reply" : "request:" + requestId;
    }

    @Override
    public String note() {
        return (sender == null ? "" : "from " + sender + ": ") + reason;
    }
}
