package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.RefusalAuditLimiter;

/**
 * A click or reply in a chat changed nothing; the note names the platform's user and why, never the
 * action token, and how many like it were held back before it ({@code heldBack}: see {@link
 * RefusalAuditLimiter}).
 */
public record ChatDecisionRefused(
        Actor actor, ChatType platform, String requestId, String chatUser, String reason, long heldBack)
        implements AuditableEvent {

    @Override
    public String action() {
        return "chat.decision_refused";
    }

    @Override
    public String target() {
        return requestId == null
                ? "chat:" + platform.name().toLowerCase(java.util.Locale.ROOT)
                : "request:" + requestId;
    }

    @Override
    public String note() {
        return RefusalAuditLimiter.noted(platform.name() + " user " + chatUser + ": " + reason, heldBack);
    }
}
