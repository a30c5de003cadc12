package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsService;
import org.springframework.stereotype.Component;

/** The reader's settings as the administrator saved them (settings › mail), read afresh each time. */
@Component
class SavedInboundSettings implements InboundSettingsSource {

    private final MailSettingsService settings;

    SavedInboundSettings(MailSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public InboundSettings current() {
        MailSettings saved = settings.current();
        return new InboundSettings(saved.approveByMail(), saved.imap(), saved.approveKeywords());
    }

    @Override
    public boolean stillReading() {
        return settings.repliesMayDecide();
    }
}
