package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.RefusalAuditLimiter;
import java.util.Locale;

/**
 * A {@code /link} message linked nothing; the note names the platform's user and why, never the code,
 * and how many refusals like it on the same channel were left out of the log since the last one
 * recorded. {@code username} is the user the code was issued for, when it was a valid code.
 */
public record ChatLinkRefused(
        Actor actor, ChatType platform, String chatUser, String username, String reason, long suppressed)
        implements AuditableEvent {

    @Override
    public String action() {
        return "chat.link_refused";
    }

    @Override
    public String target() {
        return username == null ? "chat:" + platform.name().toLowerCase(Locale.ROOT) : "user:" + username;
    }

    @Override
    public String note() {
        return RefusalAuditLimiter.noted(platform.name() + " user " + chatUser + ": " + reason, suppressed);
    }
}
