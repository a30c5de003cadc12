package io.countersign.mail.internal.inbound;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.RefusalAuditLimiter;

/**
 * A reply by mail changed nothing; the note says why, and how many refusals like it were left out of
 * the log since the last one recorded. It never carries the reply's token.
 *
 * @param sender the From address as it may be shown, control characters replaced; null when unreadable
 */
record MailReplyRefused(Actor actor, String requestId, String sender, String reason, long suppressed)
        implements AuditableEvent {

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
        return RefusalAuditLimiter.noted((sender == null ? "" : "from " + sender + ": ") + reason, suppressed);
    }
}
