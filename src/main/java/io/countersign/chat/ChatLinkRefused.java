package io.countersign.chat;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.Locale;

/**
 * A {@code /link} message linked nothing; the note names the platform's user and why, never the code.
 * {@code username} is the user the code was issued for, when it was a valid code.
 */
public record ChatLinkRefused(Actor actor, ChatType platform, String chatUser, String username, String reason)
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
        return platform.name() + " user " + chatUser + ": " + reason;
    }
}
