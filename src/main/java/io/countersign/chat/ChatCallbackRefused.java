package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.RefusalAuditLimiter;
import java.util.Locale;

/**
 * A platform's call back was refused before anything in it was read: a bad signature, a stale
 * timestamp, a wrong secret token, or a channel that does not exist. The note names the channel and
 * the reason, and how many refusals like it were left out of the log since the last one recorded;
 * never the body, the signature or the secret.
 */
public record ChatCallbackRefused(Actor actor, ChatType platform, String channel, String reason, long suppressed)
        implements AuditableEvent {

    @Override
    public String action() {
        return "chat.callback_refused";
    }

    @Override
    public String target() {
        return "channel:" + channel;
    }

    @Override
    public String note() {
        String note = platform.name().toLowerCase(Locale.ROOT) + " channel " + channel + ": " + reason;
        return RefusalAuditLimiter.noted(note, suppressed);
    }
}
