package io.countersign.mail;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An administrator saved the mail settings; {@code summary} names servers and switches, never a password. */
public record MailSettingsUpdated(Actor actor, String summary) implements AuditableEvent {

    @Override
    public String action() {
        return "settings.mail_updated";
    }

    @Override
    public String target() {
        return "settings:mail";
    }

    @Override
    public String note() {
        return summary;
    }
}
