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
        MailSettings.Imap imap = saved.imap();
        ImapEndpoint endpoint = imap == null
                ? null
                : new ImapEndpoint(
                        imap.host(),
                        imap.port(),
                        ImapEndpoint.Security.valueOf(imap.security().name()),
                        imap.username(),
                        imap.password(),
                        imap.folder(),
                        imap.trustedCertificate());
        return new InboundSettings(saved.approveByMail(), endpoint, saved.approveKeywords());
    }
}
